import type { WorkingCalendar } from '../calendar/working-calendar';
import type { LocalizedText } from '../common/i18n/localized-text';
import { LOCALES } from '../common/i18n/locale';
import type { ProcedureConfig } from '../config/config';
import { endOfLocalDay, localDate, stage2AnswerDueAt } from '../procedure/deadlines';
import type { CommitmentStatus } from './commitment.entity';

/** What the organizer says of one commitment (the notice's `commitments` and POST /plans/{id}/commitments). */
export interface CommitmentInput {
  remarkId: string;
  status?: CommitmentStatus;
  document?: string | null;
  location?: string | null;
  explanation?: string | null;
}

/** A commitment accounted for: trimmed, with document and location only when implemented. */
export interface CleanCommitment {
  remarkId: string;
  status: CommitmentStatus;
  document: string | null;
  location: string | null;
  explanation: string;
}

/** Why an input cannot stand at all (COMMITMENT_INVALID). */
export type InvalidReason =
  | { kind: 'not_a_commitment'; remarkId: string }
  | { kind: 'duplicate'; remarkId: string }
  | { kind: 'unknown_document'; remarkId: string; document: string };

export type CommitmentsCheck =
  { ok: true; commitments: CleanCommitment[] } | { ok: false; invalid: InvalidReason } | { ok: false; invalid: null; missing: string[] };

/** An answer that accepts a remark, fully or partly, is a commitment. */
export function isCommitmentDisposition(disposition: string | null | undefined): disposition is 'accepted' | 'partially_accepted' {
  return disposition === 'accepted' || disposition === 'partially_accepted';
}

const blank = (s: string | null | undefined): boolean => typeof s !== 'string' || s.trim() === '';

/** One input made clean, or null while it is unfinished (no status, no explanation, or implemented without document or location). */
export function finished(input: CommitmentInput): CleanCommitment | null {
  if (input.status !== 'implemented' && input.status !== 'not_implemented') return null;
  if (blank(input.explanation)) return null;
  if (input.status === 'implemented' && (blank(input.document) || blank(input.location))) return null;
  const implemented = input.status === 'implemented';
  return {
    remarkId: input.remarkId,
    status: input.status,
    document: implemented ? input.document!.trim() : null,
    location: implemented ? input.location!.trim() : null,
    explanation: input.explanation!.trim(),
  };
}

/**
 * Checks what the organizer says of the commitments against those required and the notice's
 * document titles. `everyRequired`: each required one must be there (the notice); otherwise only
 * those given are checked (later versions). Unknown remarks, repeats and unknown documents are
 * invalid; missing and unfinished ones are listed, in the order of `required`.
 */
export function checkCommitments(
  required: readonly string[],
  inputs: readonly CommitmentInput[],
  titles: readonly string[],
  everyRequired: boolean,
): CommitmentsCheck {
  const requiredSet = new Set(required);
  const titleSet = new Set(titles.map((t) => t.trim()));
  const seen = new Map<string, CommitmentInput>();
  for (const input of inputs) {
    if (!requiredSet.has(input.remarkId)) return { ok: false, invalid: { kind: 'not_a_commitment', remarkId: input.remarkId } };
    if (seen.has(input.remarkId)) return { ok: false, invalid: { kind: 'duplicate', remarkId: input.remarkId } };
    seen.set(input.remarkId, input);
    if (input.status === 'implemented' && !blank(input.document) && !titleSet.has(input.document!.trim())) {
      return { ok: false, invalid: { kind: 'unknown_document', remarkId: input.remarkId, document: input.document!.trim() } };
    }
  }
  const missing: string[] = [];
  const commitments: CleanCommitment[] = [];
  for (const remarkId of required) {
    const input = seen.get(remarkId);
    if (!input) {
      if (everyRequired) missing.push(remarkId);
      continue;
    }
    const clean = finished(input);
    if (clean) commitments.push(clean);
    else missing.push(remarkId);
  }
  return missing.length > 0 ? { ok: false, invalid: null, missing } : { ok: true, commitments };
}

/** The titles of a notice's documents repeat (trimmed, ignoring case)? */
export function titlesUnique(titles: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const title of titles) {
    const key = title.trim().toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/**
 * Titles of a notice's documents in every language: each language's versions are unique (a commitment
 * names a document by any version of its title, so no version may name two documents in one language).
 */
export function localizedTitlesUnique(titles: readonly LocalizedText[]): boolean {
  return LOCALES.every((lang) => titlesUnique(titles.flatMap((t) => t.get(lang) ?? [])));
}

/** Every version of every title: a commitment's `document` may name any of them. */
export function titleVersions(titles: readonly LocalizedText[]): string[] {
  return titles.flatMap((t) => t.languages().map((lang) => t.get(lang)!));
}

/** Does a new version say something the latest one did not (or account for a later answer)? */
export function changedFrom(
  latest: { answerId: string; status: string; document: string | null; location: string | null; explanation: string } | null,
  next: CleanCommitment,
  answerId: string,
): boolean {
  if (!latest) return true;
  return (
    latest.answerId !== answerId ||
    latest.status !== next.status ||
    latest.document !== next.document ||
    latest.location !== next.location ||
    latest.explanation !== next.explanation
  );
}

/**
 * The answer deadline of a dispute (a stage-2 remark): the later of the stage-2 answer deadline
 * and the end of the stage2AnswerDueWorkingDays-th working day after the dispute's local date.
 */
export function disputeAnswerDueAt(
  disputedAt: Date,
  stage2ClosesAt: Date | null,
  tz: string,
  cal: WorkingCalendar,
  cfg: ProcedureConfig,
): Date {
  const own = endOfLocalDay(cal.addWorkingDays(localDate(disputedAt, tz), cfg.stage2AnswerDueWorkingDays), tz);
  if (!stage2ClosesAt) return own;
  const stage2 = stage2AnswerDueAt(localDate(stage2ClosesAt, tz), tz, cal, cfg);
  return stage2.getTime() > own.getTime() ? stage2 : own;
}
