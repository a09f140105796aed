import { DateTime } from 'luxon';
import { AppError } from '../common/errors/app-error';
import type { LocalizedText } from '../common/i18n/localized-text';
import type { Verdict } from './answer-verdict.entity';

/** A local time with its zone, as the other refusals word it (e.g. WINDOW_CLOSED). */
export function localAt(instant: Date, tz: string): string {
  return `${DateTime.fromJSDate(instant, { zone: tz }).toFormat('yyyy-MM-dd HH:mm')} (${tz})`;
}

export interface VerdictAttempt {
  /** Who asks, and the remark's author. */
  userId: string;
  authorId: string;
  /** The latest answer version, null while unanswered. */
  latest: { version: number; publishedAt: Date } | null;
  /** The version the author read (optional in the request). */
  answerVersion: number | undefined;
  now: Date;
  /** verdictClosesAt of the latest version (computed by the caller with the plan's zone and calendar). */
  closesAt: Date | null;
  timeZone: string;
}

/**
 * Whether the author may judge the latest answer version now; the refusals in the contract's order:
 * NOT_AUTHOR, NOT_ANSWERED, ANSWER_VERSION_STALE {latest}, VERDICT_WINDOW_CLOSED {closesAt}.
 * The window includes both ends (published at .. closesAt).
 */
export function assertVerdictAllowed(a: VerdictAttempt): asserts a is VerdictAttempt & { latest: { version: number; publishedAt: Date } } {
  if (a.userId !== a.authorId) throw new AppError('NOT_AUTHOR');
  if (!a.latest) throw new AppError('NOT_ANSWERED');
  if (a.answerVersion !== undefined && a.answerVersion !== a.latest.version) {
    throw new AppError('ANSWER_VERSION_STALE', { latest: a.latest.version }, undefined, { latest: a.latest.version });
  }
  if (a.closesAt && !isVerdictOpen(a.now, a.closesAt)) {
    throw new AppError('VERDICT_WINDOW_CLOSED', { closesAt: localAt(a.closesAt, a.timeZone) }, undefined, {
      closesAt: a.closesAt.toISOString(),
    });
  }
}

/** The verdict window of a version is open until closesAt inclusive. */
export function isVerdictOpen(now: Date, closesAt: Date): boolean {
  return now.getTime() <= closesAt.getTime();
}

/** A repeated request that would record what is already the current verdict (PUT is idempotent: no new row). */
export function isSameVerdict(
  current: { verdict: Verdict; reason: string | null } | null,
  verdict: Verdict,
  reason: string | null,
): boolean {
  return current !== null && current.verdict === verdict && (current.reason ?? null) === reason;
}

/** Whether a correction changes anything against the latest version: any version of the text (trimmed) or the disposition. */
export function correctionChanges(latest: { body: LocalizedText; disposition: string }, body: LocalizedText, disposition: string): boolean {
  return !latest.body.equals(body) || latest.disposition !== disposition;
}

/**
 * The time of a new verdict row: now, or just after the remark's previous row when the clock has not
 * moved past it (a sandbox clock standing still), so that "the latest row" is always the last recorded.
 */
export function verdictTime(now: Date, previous: Date | null): Date {
  return previous && previous.getTime() >= now.getTime() ? new Date(previous.getTime() + 1) : now;
}
