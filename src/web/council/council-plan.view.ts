import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { protocolView } from '../../hearings/hearing-view';
import type { AuthUser } from '../../identity/auth/auth-user';
import { assertCouncilMemberFor, assertVisible, loadPlan } from '../../plans/plan-access';
import { computeConclusion } from '../../reviews/conclusion';
import { reviewWindow } from '../../reviews/review-window';
import { councilMembersCount, reviewView } from '../../reviews/reviews.service';
import { answersToCheck } from '../../reviews/reviews.repository';
import { emptyForm, FormState } from '../forms/form';
import { Pages } from '../page-response';
import { councilPlanPage, POSITION_VALUES, PositionField } from './council.pages';
import { CouncilPagesRepository } from './council-pages.repository';

/** How many answers the position form lists (those their authors called formal first). */
const ANSWERS_TO_CHECK = 200;

export interface CouncilPlanForms {
  form?: FormState<PositionField>;
  translation?: FormState;
  closeError?: string | null;
  flash?: string | null;
}

/**
 * A plan's council review as a member sees it (plan-access: members of the overseeing council only):
 * the protocol, the positions, the member's own position form while the review is open, and for the
 * chair what closing now would publish.
 */
@Injectable()
export class CouncilPlanView {
  constructor(
    private readonly pages: Pages,
    private readonly db: DataSource,
    private readonly queries: CouncilPagesRepository,
    private readonly clock: Clock,
  ) {}

  async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    forms: CouncilPlanForms,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const em = this.db.manager;
    const { plan, organization } = await loadPlan(em, id);
    assertVisible(user, plan);
    assertCouncilMemberFor(user, organization);
    const now = this.clock.now();
    const [protocol, review, mine, members] = await Promise.all([
      protocolView(em, plan.id),
      reviewView(em, plan.id, now),
      this.queries.myPosition(plan.id, user.id),
      user.isChair ? councilMembersCount(em, organization.councilId) : Promise.resolve(0),
    ]);
    const open = reviewWindow(plan, !!review.conclusion, now) === 'open';
    const toCheck = open && !mine ? await answersToCheck(em, plan.id, ANSWERS_TO_CHECK + 1) : [];
    const preview =
      user.isChair && open
        ? computeConclusion(
            review.positions.map((p) => p.position),
            members,
          )
        : null;
    const form: FormState<PositionField> = forms.form ?? emptyForm<PositionField>(POSITION_VALUES);
    const page = councilPlanPage(ctx, {
      now,
      plan,
      organization,
      protocol,
      review,
      mine,
      translation: forms.translation,
      open,
      answersToCheck: toCheck.slice(0, ANSWERS_TO_CHECK),
      moreAnswers: toCheck.length > ANSWERS_TO_CHECK,
      preview,
      form,
      closeError: forms.closeError ?? null,
      flash: forms.flash ?? null,
    });
    this.pages.send(request, reply, ctx, page, status);
  }
}
