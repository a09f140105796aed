import type { EntityManager } from 'typeorm';
import type { CommitmentView } from '../commitments/commitments.service';
import { noticeView } from '../documentation/documentation.service';
import type { HearingView } from '../hearings/hearing-view';
import { hearingView, protocolView } from '../hearings/hearing-view';
import { outcomeView } from '../outcomes/report';
import type { PlanView } from '../plans/plan-view';
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
  };

export async function withProcedureDetails(
  em: EntityManager,
  view: PlanView,
  now: Date,
  reader: RemarkReader = PUBLIC_READER,
): Promise<Omit<PlanRecord, 'commitments'>> {
  const [hearing, after] = await Promise.all([hearingView(em, view.id), procedureAfterHearing(em, view.id, now, reader)]);
  return { ...view, hearing, ...after };
}
