import { EntityManager } from 'typeorm';
import { noticeView } from '../documentation/documentation.service';
import { hearingView, protocolView } from '../hearings/hearing-view';
import { outcomeView } from '../outcomes/report';
import { reviewView } from '../reviews/reviews.service';
import { PlanView } from './plan-view';

/** The single-plan view of GET /plans/{id}: the list view plus every step of the procedure so far. */
export async function withProcedureDetails(em: EntityManager, view: PlanView, now: Date): Promise<PlanView> {
  const [hearing, protocol, notice, outcome] = await Promise.all([
    hearingView(em, view.id),
    protocolView(em, view.id),
    noticeView(em, view.id),
    outcomeView(em, view.id),
  ]);
  const review = protocol ? await reviewView(em, view.id, now) : null;
  return { ...view, hearing, protocol, review, notice, outcome };
}
