import { ERRORS, ErrorCode } from './error-codes';
import { Localized } from '../i18n/locale';

export type ErrorParam = string | number | Localized;

/** A refusal the user should understand: a stable code, HTTP status and localized message. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, ErrorParam> = {},
    /** Extra machine-readable data returned beside code and message (e.g. field errors). */
    readonly details?: unknown,
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}
