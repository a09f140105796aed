import { EntityManager } from 'typeorm';
import { noticeView } from '../documentation/documentation.service';
import { hearingView, protocolView } from '../hearings/hearing-view';
import { outcomeView } from '../outcomes/report';
import { reviewView } from '../reviews/reviews.service';
import { PlanView } from './plan-view';

/** The steps after the hearing: protocol, council review, notice and outcome, each null until it happens. */
export async function procedureAfterHearing(em: EntityManager, planId: string, now: Date) {
  const [protocol, notice, outcome] = await Promise.all([protocolView(em, planId), noticeView(em, planId), outcomeView(em, planId)]);
  const review = protocol ? await reviewView(em, planId, now) : null;
  return { protocol, review, notice, outcome };
}

/** The single-plan view of GET /plans/{id}: the list view plus every step of the procedure so far. */
export async function withProcedureDetails(em: EntityManager, view: PlanView, now: Date): Promise<PlanView> {
  const [hearing, after] = await Promise.all([hearingView(em, view.id), procedureAfterHearing(em, view.id, now)]);
  return { ...view, hearing, ...after };
}
