import type { LocalizedVersions } from '../../common/i18n/localized-text';
import { LocalizedText } from '../../common/i18n/localized-text';
import { LOCALES } from '../../common/i18n/locale';
import { type CsvSeparator, type CsvValue, csvRow } from '../../outcomes/csv';
import type { Disposition } from '../../remarks/answer.entity';
import type { Verdict } from '../../remarks/answer-verdict.entity';
import type { HideReason } from '../../remarks/remark-moderation';
import { PUBLIC_READER, publicLocalizedFor, publicTextFor, remarkTextFor } from '../../remarks/remark-moderation';
import type { ExportAnswerRow, ExportRemarkRow, ExportVerdictRow } from './remark-export.repository';
import { answerDueShown } from '../../remarks/answer-duty';

/** visible: the text as written; masked: personal data masked (as on every public page); hidden: withheld by a moderator. */
export type ModerationState = 'visible' | 'masked' | 'hidden';

export interface ExportedVerdict {
  verdict: Verdict;
  /** The author's reason (formal verdicts), personal data masked. */
  reason: string | null;
  at: string;
}

export interface ExportedAnswerVersion {
  version: number;
  /** Every language version published, personal data masked. */
  text: LocalizedVersions;
  disposition: Disposition;
  publishedAt: string;
  late: boolean;
  correctionReason: LocalizedVersions | null;
  /** The remark author's current verdict on this version. */
  verdict: ExportedVerdict | null;
}

/** One public remark as the bulk export writes it: no author, texts as the public reads them. */
export interface ExportedRemark {
  remarkId: string;
  planId: string;
  planTitle: LocalizedVersions;
  organizationId: string;
  organizationName: LocalizedVersions;
  stage: 1 | 2;
  language: string;
  createdAt: string;
  changedAt: string;
  /** Null while hidden: a hidden remark needs no answer (answer-duty.ts). */
  answerDueAt: string | null;
  moderation: { state: ModerationState; hiddenReason: HideReason | null; hiddenAt: string | null };
  /** Null when hidden. */
  text: string | null;
  disputesRemarkId: string | null;
  /** Every answer version, latest first; empty while unanswered. */
  answers: ExportedAnswerVersion[];
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const EMPTY = Object.fromEntries(LOCALES.map((locale) => [locale, null])) as LocalizedVersions;
const versionsOf = (stored: unknown): LocalizedVersions => LocalizedText.fromStored(stored)?.toJSON() ?? EMPTY;

/**
 * A batch's remarks as exported records: the remark's text through remarkTextFor for the public
 * (hidden: null; personal data masked), the answers' texts and verdict reasons through
 * publicLocalizedFor/publicTextFor, exactly as GET /plans/{id}/remarks shows them to a reader who is
 * not signed in. The author's id is read only for that and is not written out.
 */
export function exportedRemarks(remarks: ExportRemarkRow[], answers: ExportAnswerRow[], verdicts: ExportVerdictRow[]): ExportedRemark[] {
  const verdictOf = new Map(verdicts.map((v) => [v.answer_id, v]));
  const answersOf = new Map<string, ExportAnswerRow[]>();
  for (const a of answers) answersOf.set(a.remark_id, [...(answersOf.get(a.remark_id) ?? []), a]);
  return remarks.map((r) => {
    const text = remarkTextFor(
      { authorId: r.author_id, body: r.body, hiddenAt: r.hidden_at, hiddenReason: r.hidden_reason },
      PUBLIC_READER,
    );
    const state: ModerationState = text.hidden ? 'hidden' : text.masked ? 'masked' : 'visible';
    return {
      remarkId: r.id,
      planId: r.plan_id,
      planTitle: versionsOf(r.plan_title),
      organizationId: r.organization_id,
      organizationName: versionsOf(r.organization_name),
      stage: r.stage as 1 | 2,
      language: r.language,
      createdAt: iso(r.created_at),
      changedAt: iso(r.changed_at),
      answerDueAt: isoOrNull(answerDueShown(r)),
      moderation: { state, hiddenReason: text.hidden?.reason ?? null, hiddenAt: text.hidden?.at ?? null },
      text: text.body,
      disputesRemarkId: r.disputes_remark_id,
      answers: (answersOf.get(r.id) ?? []).map((a) => answerVersion(a, verdictOf.get(a.id), r.author_id)),
    };
  });
}

function answerVersion(a: ExportAnswerRow, v: ExportVerdictRow | undefined, remarkAuthorId: string): ExportedAnswerVersion {
  const body = LocalizedText.fromStored(a.body);
  const reason = LocalizedText.fromStored(a.correction_reason);
  return {
    version: a.version,
    text: body ? publicLocalizedFor(body, remarkAuthorId, PUBLIC_READER).toJSON() : EMPTY,
    disposition: a.disposition,
    publishedAt: iso(a.published_at),
    late: a.late,
    correctionReason: reason ? publicLocalizedFor(reason, remarkAuthorId, PUBLIC_READER).toJSON() : null,
    verdict: v
      ? {
          verdict: v.verdict,
          reason: v.reason === null ? null : publicTextFor(v.reason, remarkAuthorId, PUBLIC_READER),
          at: iso(v.created_at),
        }
      : null,
  };
}

/** The CSV's columns, in order (README "Bulk export"): one row per remark, its latest answer version and that version's verdict. */
export const CSV_COLUMNS = [
  'remark_id',
  'plan_id',
  'plan_title_kk',
  'plan_title_ru',
  'plan_title_en',
  'organization_id',
  'organization_name_kk',
  'organization_name_ru',
  'organization_name_en',
  'stage',
  'language',
  'created_at',
  'changed_at',
  'answer_due_at',
  'moderation_state',
  'hidden_reason',
  'hidden_at',
  'text',
  'disputes_remark_id',
  'answer_version',
  'answer_disposition',
  'answer_published_at',
  'answer_late',
  'answer_text_kk',
  'answer_text_ru',
  'answer_text_en',
  'correction_reason_kk',
  'correction_reason_ru',
  'correction_reason_en',
  'verdict',
  'verdict_reason',
  'verdict_at',
  'first_answer_published_at',
  'earlier_verdicts',
] as const;

/**
 * One CSV row (RFC 4180 with commas, or semicolons; formulas neutralised: outcomes/csv.ts). `earlier_verdicts` lists the
 * verdicts on the earlier answer versions as `version:verdict`, oldest first, separated by spaces
 * (the JSON export has each with its reason).
 */
export function csvLine(r: ExportedRemark, separator: CsvSeparator = ','): string {
  const [latest, ...older] = r.answers;
  const first = r.answers[r.answers.length - 1];
  const values: Record<(typeof CSV_COLUMNS)[number], CsvValue> = {
    remark_id: r.remarkId,
    plan_id: r.planId,
    plan_title_kk: r.planTitle.kk,
    plan_title_ru: r.planTitle.ru,
    plan_title_en: r.planTitle.en,
    organization_id: r.organizationId,
    organization_name_kk: r.organizationName.kk,
    organization_name_ru: r.organizationName.ru,
    organization_name_en: r.organizationName.en,
    stage: r.stage,
    language: r.language,
    created_at: r.createdAt,
    changed_at: r.changedAt,
    answer_due_at: r.answerDueAt,
    moderation_state: r.moderation.state,
    hidden_reason: r.moderation.hiddenReason,
    hidden_at: r.moderation.hiddenAt,
    text: r.text,
    disputes_remark_id: r.disputesRemarkId,
    answer_version: latest?.version,
    answer_disposition: latest?.disposition,
    answer_published_at: latest?.publishedAt,
    answer_late: latest?.late,
    answer_text_kk: latest?.text.kk,
    answer_text_ru: latest?.text.ru,
    answer_text_en: latest?.text.en,
    correction_reason_kk: latest?.correctionReason?.kk,
    correction_reason_ru: latest?.correctionReason?.ru,
    correction_reason_en: latest?.correctionReason?.en,
    verdict: latest?.verdict?.verdict,
    verdict_reason: latest?.verdict?.reason,
    verdict_at: latest?.verdict?.at,
    first_answer_published_at: first?.publishedAt,
    earlier_verdicts: older
      .filter((a) => a.verdict)
      .reverse()
      .map((a) => `${a.version}:${a.verdict!.verdict}`)
      .join(' '),
  };
  return csvRow(
    CSV_COLUMNS.map((column) => values[column]),
    separator,
  );
}

export const csvHeader = (separator: CsvSeparator = ','): string => csvRow(CSV_COLUMNS, separator);
