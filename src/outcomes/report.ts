import type { EntityManager } from 'typeorm';
import type { ReportCommitment } from '../commitments/commitments-report';
import { reportCommitments } from '../commitments/commitments-report';
import type { Locale } from '../common/i18n/locale';
import { LocalizedText } from '../common/i18n/localized-text';
import type { Plan } from '../plans/plan.entity';
import type { Verdict } from '../remarks/answer-verdict.entity';
import type { Disposition } from '../remarks/answer.entity';
import { CSV_BOM, type CsvSeparator, csvRow } from './csv';
import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import { isAnswerOverdue } from '../remarks/answer-duty';
import type { HiddenState } from '../remarks/remark-moderation';
import { PUBLIC_READER, publicLocalizedFor, publicTextFor, remarkTextFor } from '../remarks/remark-moderation';
import type { CsvValue } from './csv';
import type { Outcome } from './outcome.entity';
import { groupBy } from '../common/group-by';
import { outcomeVersions, outcomeVersionsOfPlans, reportRecommendationRows, reportRemarkRows } from './outcomes.repository';

export interface ReportRemark {
  id: string;
  stage: 1 | 2;
  authorName: string;
  /** The remark with personal data masked (the report is a public document); null while hidden. */
  body: string | null;
  /** Hidden by a moderator: when and why (its answer and verdicts stay). */
  hidden: HiddenState | null;
  createdAt: string;
  disposition: Disposition | null;
  /** The current answer version (JSON reads give the reader's language with every version under i18n). */
  answer: LocalizedText | null;
  answeredAt: string | null;
  /** The first answer was late; for an unanswered remark, whether its answer is overdue now. */
  late: boolean;
  /** The author's most recent verdict (over all answer versions) and the version it judged; null when none. */
  verdict: { verdict: Verdict; reason: string | null; answerVersion: number; at: string } | null;
}

export interface ReportRecommendation {
  id: string;
  memberName: string;
  text: LocalizedText;
  accepted: boolean | null;
  response: LocalizedText | null;
  respondedAt: string | null;
  late: boolean;
}

export interface OutcomeVersionView {
  version: number;
  decision: Outcome['decision'];
  summary: LocalizedText;
  publishedAt: string;
  correctionReason: LocalizedText | null;
}

export interface OutcomeView extends OutcomeVersionView {
  /** Every published version, oldest first: a correction never replaces the original. */
  versions: OutcomeVersionView[];
}

export interface Report {
  plan: { id: string; title: LocalizedText };
  remarks: ReportRemark[];
  recommendations: ReportRecommendation[];
  /** Accepted stage-1 remarks: where the documentation keeps each (latest version) and the author's verdict. */
  commitments: ReportCommitment[];
  outcome: OutcomeView | null;
}

const BATCH = 1000;

function outcomeVersionView(o: Outcome): OutcomeVersionView {
  return {
    version: o.version,
    decision: o.decision,
    summary: o.summary,
    publishedAt: o.publishedAt.toISOString(),
    correctionReason: o.correctionReason,
  };
}

/** The plan's current outcome (latest version) with every version; null before publication. */
export async function outcomeView(em: EntityManager, planId: string): Promise<OutcomeView | null> {
  const versions = await outcomeVersions(em, planId);
  return versions.length === 0 ? null : toOutcomeView(versions);
}

/** The outcomes of several plans (the plan list), by plan id: one statement. */
export async function outcomeViews(em: EntityManager, planIds: string[]): Promise<Map<string, OutcomeView>> {
  const byPlan = groupBy(await outcomeVersionsOfPlans(em, planIds), (o) => o.planId);
  return new Map([...byPlan].map(([planId, versions]) => [planId, toOutcomeView(versions)]));
}

function toOutcomeView(versions: Outcome[]): OutcomeView {
  return { ...outcomeVersionView(versions[versions.length - 1]), versions: versions.map(outcomeVersionView) };
}

/**
 * Every remark with its current answer, in keyset batches (a few queries however many remarks), as the
 * public reads them: personal data masked, hidden texts withheld and their hidden state stated.
 */
async function* reportRemarks(em: EntityManager, planId: string, now: Date): AsyncGenerator<ReportRemark[]> {
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await reportRemarkRows(em, planId, after, BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const text = remarkTextFor(
        { authorId: r.author_id, body: r.body, hiddenAt: r.hidden_at, hiddenReason: r.hidden_reason },
        PUBLIC_READER,
      );
      return {
        id: r.id,
        stage: Number(r.stage) as 1 | 2,
        authorName: r.author_name,
        body: text.body,
        hidden: text.hidden,
        createdAt: new Date(r.created_at).toISOString(),
        disposition: r.disposition,
        answer: publicLocalizedFor(LocalizedText.fromStored(r.answer), r.author_id, PUBLIC_READER),
        answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
        // unanswered: overdue unless hidden (a hidden remark needs no answer: answer-duty.ts)
        late: r.answered_at ? r.late === true : isAnswerOverdue(r, now),
        verdict:
          r.verdict && r.verdict_version !== null && r.verdict_at
            ? {
                verdict: r.verdict,
                reason: r.verdict_reason === null ? null : publicTextFor(r.verdict_reason, r.author_id, PUBLIC_READER),
                answerVersion: Number(r.verdict_version),
                at: new Date(r.verdict_at).toISOString(),
              }
            : null,
      };
    });
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.created_at, id: last.id };
  }
}

async function reportRecommendations(em: EntityManager, planId: string, now: Date): Promise<ReportRecommendation[]> {
  const rows = await reportRecommendationRows(em, planId);
  return rows.map((r) => ({
    id: r.id,
    memberName: r.member_name,
    text: LocalizedText.fromStored(r.text)!,
    accepted: r.accepted,
    response: LocalizedText.fromStored(r.response),
    respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
    late: r.responded_at ? r.late === true : now.getTime() > new Date(r.response_due_at).getTime(),
  }));
}

export async function buildReport(em: EntityManager, plan: Plan, now: Date): Promise<Report> {
  const remarks: ReportRemark[] = [];
  for await (const batch of reportRemarks(em, plan.id, now)) remarks.push(...batch);
  return {
    plan: { id: plan.id, title: plan.title },
    remarks,
    recommendations: await reportRecommendations(em, plan.id, now),
    commitments: await reportCommitments(em, plan.id),
    outcome: await outcomeView(em, plan.id),
  };
}

const CSV_HEADER = [
  'type',
  'id',
  'stage',
  'author',
  'text',
  'created_at',
  'disposition',
  'answer',
  'answered_at',
  'late',
  'verdict',
  'verdict_reason',
  'verdict_version',
];

/** The verdict columns of a remark's row (empty for other rows). */
function verdictCells(r: ReportRemark): CsvValue[] {
  return r.verdict ? [r.verdict.verdict, r.verdict.reason, r.verdict.answerVersion] : ['', '', ''];
}

/** The remark's text cell: masked, or for a hidden remark the statement of when and why in the reader's language. */
function remarkCell(r: ReportRemark, reader: Locale): string | null {
  if (!r.hidden) return r.body;
  const m = texts(reader).moderation;
  return interpolate(m.hidden, { at: r.hidden.at.slice(0, 10), reason: m.reasons[r.hidden.reason] ?? r.hidden.reason });
}

/** A published text in the CSV: the reader's version, or another one when theirs is missing. */
function cell(text: LocalizedText | null, reader: Locale): string | null {
  return text ? text.text(reader) : null;
}

/**
 * The report as CSV (RFC 4180, CRLF, UTF-8 with BOM; fields separated by commas, or by semicolons for
 * Excel in a Russian or Kazakh locale), built batch by batch; published texts (answers,
 * recommendations, responses, the outcome's summary) in the reader's language.
 */
export async function* reportCsv(
  em: EntityManager,
  plan: Plan,
  now: Date,
  reader: Locale,
  separator: CsvSeparator = ',',
): AsyncGenerator<string> {
  const row = (values: readonly CsvValue[]) => csvRow(values, separator);
  yield CSV_BOM + row(CSV_HEADER);
  for await (const batch of reportRemarks(em, plan.id, now)) {
    yield batch
      .map((r) =>
        row([
          'remark',
          r.id,
          r.stage,
          r.authorName,
          remarkCell(r, reader),
          r.createdAt,
          r.disposition,
          cell(r.answer, reader),
          r.answeredAt,
          r.late,
          ...verdictCells(r),
        ]),
      )
      .join('');
  }
  for (const r of await reportRecommendations(em, plan.id, now)) {
    yield row([
      'recommendation',
      r.id,
      '',
      r.memberName,
      cell(r.text, reader),
      '',
      r.accepted === null ? null : r.accepted ? 'accepted' : 'rejected',
      cell(r.response, reader),
      r.respondedAt,
      r.late,
      '',
      '',
      '',
    ]);
  }
  const outcome = await outcomeView(em, plan.id);
  if (outcome)
    yield row(['outcome', '', '', '', cell(outcome.summary, reader), outcome.publishedAt, outcome.decision, '', '', '', '', '', '']);
}
