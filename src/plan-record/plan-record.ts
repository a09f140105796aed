import type { EntityManager } from 'typeorm';
import type { CommitmentView } from '../commitments/commitments.service';
import { noticeView } from '../documentation/documentation.service';
import type { HearingView } from '../hearings/hearing-view';
import { hearingView, protocolView } from '../hearings/hearing-view';
import { outcomeView } from '../outcomes/report';
import type { PlanView } from '../plans/plan-view';
import type { HideReason } from '../remarks/remark-moderation';
import { HIDE_REASONS } from '../remarks/remark-moderation';
import { reviewView } from '../reviews/reviews.service';

/** The steps after the hearing: protocol, council review, notice and outcome, each null until it happens. */
export async function procedureAfterHearing(em: EntityManager, planId: string, now: Date) {
  const [protocol, notice, outcome] = await Promise.all([protocolView(em, planId), noticeView(em, planId), outcomeView(em, planId)]);
  const review = protocol ? await reviewView(em, planId, now) : null;
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
): Promise<Omit<PlanRecord, 'commitments' | 'moderation'>> {
  const [hearing, after] = await Promise.all([hearingView(em, view.id), procedureAfterHearing(em, view.id, now)]);
  return { ...view, hearing, ...after };
}
