import type { EntityManager } from 'typeorm';
import type { CommitmentView } from '../commitments/commitments.service';
import { noticeView, noticeViews } from '../documentation/documentation.service';
import type { HearingView } from '../hearings/hearing-view';
import { hearingView, hearingViews, protocolView, protocolViews } from '../hearings/hearing-view';
import { outcomeView, outcomeViews } from '../outcomes/report';
import type { PlanView } from '../plans/plan-view';
import type { HideReason } from '../remarks/remark-moderation';
import { HIDE_REASONS } from '../remarks/remark-moderation';
import { reviewView } from '../reviews/reviews.service';
import type { RemarkReader } from '../remarks/remark-moderation';
import { PUBLIC_READER } from '../remarks/remark-moderation';

/** The steps after the hearing: protocol, council review, notice and outcome, each null until it happens; texts about remarks as `reader` may read them. */
export async function procedureAfterHearing(em: EntityManager, planId: string, now: Date, reader: RemarkReader = PUBLIC_READER) {
  const [protocol, notice, outcome] = await Promise.all([protocolView(em, planId), noticeView(em, planId), outcomeView(em, planId)]);
  const review = protocol ? await reviewView(em, planId, now, reader) : null;
  return { protocol, review, notice, outcome };
}

export type ProcedureAfterHearing = Awaited<ReturnType<typeof procedureAfterHearing>>;

/** GET /plans/{id}: the plan as the list shows it, with every step of the procedure so far. */
export type PlanRecord = Omit<PlanView, 'hearing' | keyof ProcedureAfterHearing> & {
  hearing: HearingView | null;
} & ProcedureAfterHearing & {
    /** Accepted stage-1 remarks and where the documentation keeps them (after the notice). */
    commitments: CommitmentView[];
    /** How many of its remarks moderators hid, and why (issue 16; public). */
    moderation: PlanModeration;
  };

/** The public count of a plan's hidden remarks, by reason (every reason, 0 when none). */
export interface PlanModeration {
  hidden: number;
  reasons: Record<HideReason, number>;
}

/** The counts from the rows of PlansRepository.hiddenByReason. */
export function planModeration(rows: { reason: string; count: number }[]): PlanModeration {
  const reasons = Object.fromEntries(HIDE_REASONS.map((r) => [r, 0])) as Record<HideReason, number>;
  let hidden = 0;
  for (const row of rows) {
    if (row.reason in reasons) reasons[row.reason as HideReason] = row.count;
    hidden += row.count;
  }
  return { hidden, reasons };
}

export async function withProcedureDetails(
  em: EntityManager,
  view: PlanView,
  now: Date,
  reader: RemarkReader = PUBLIC_READER,
): Promise<Omit<PlanRecord, 'commitments' | 'moderation'>> {
  const [hearing, after] = await Promise.all([hearingView(em, view.id), procedureAfterHearing(em, view.id, now, reader)]);
  return { ...view, hearing, ...after };
}

/**
 * An item of GET /plans: the plan as GET /plans/{id} shows it, hearing, protocol, notice and outcome
 * included; the council's review, the commitments and the moderation counts are the detail's only.
 */
export type PlanListItem = Omit<PlanRecord, 'review' | 'commitments' | 'moderation'>;

/** The list items of a page of plans: four batched reads (five statements) whatever the page's size, no query per plan. */
export async function planListItems(em: EntityManager, views: PlanView[]): Promise<PlanListItem[]> {
  const ids = views.map((v) => v.id);
  const [hearings, protocols, notices, outcomes] = await Promise.all([
    hearingViews(em, ids),
    protocolViews(em, ids),
    noticeViews(em, views),
    outcomeViews(em, ids),
  ]);
  return views.map(({ review, ...view }) => ({
    ...view,
    hearing: hearings.get(view.id) ?? null,
    protocol: protocols.get(view.id) ?? null,
    notice: notices.get(view.id) ?? null,
    outcome: outcomes.get(view.id) ?? null,
  }));
}
