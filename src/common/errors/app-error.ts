import type { LocalText } from '../i18n/catalogue';
import type { ErrorCode } from './error-codes';
import { ERRORS } from './error-codes';

/** A refusal the user should understand: a stable code, HTTP status and localized message. */
export class AppError extends Error {
  readonly status: number;
  /** Response headers that go with the refusal, e.g. Retry-After of RATE_LIMITED (lower-case names). */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly code: ErrorCode,
    /** Values of the message's {placeholders}, each resolved in the reader's language. */
    readonly params: Record<string, LocalText> = {},
    /** Extra machine-readable data returned beside code and message (e.g. field errors). */
    readonly details?: unknown,
    /** Named machine-readable fields the contract puts beside code and message, e.g. `missing: [remarkId]`. */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}
