import { Body, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommitmentVerdictDto } from '../commitments/commitments.dto';
import { CommitmentsService } from '../commitments/commitments.service';
import { AppError } from '../common/errors/app-error';
import { texts } from '../common/i18n/catalogue';
import { isUuid } from '../common/ids';
import type { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { check, readForm } from './forms/form';
import { submit } from './forms/submit';
import { FormPost, PageController } from './page.decorators';
import { Pages, seeOther } from './page-response';
import { COMMITMENT_VERDICT_FIELDS } from './plan-commitments';
import { PlanPageView } from './plan-page.view';

/**
 * The author's confirmation or dispute of a commitment on the plan page: the API's DTO and service
 * (PUT /remarks/:id/commitment-verdict); a refusal shows the plan page again with the message by the form.
 */
@PageController('plans/:id/commitments')
export class PlanCommitmentsController {
  constructor(
    private readonly pages: Pages,
    private readonly commitments: CommitmentsService,
    private readonly planPage: PlanPageView,
  ) {}

  @FormPost(':remarkId/verdict', { signIn: '/plans/:id#commitment-:remarkId' })
  @Auth()
  async verdict(
    @Param('id') id: string,
    @Param('remarkId') remarkId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isUuid(id) || !isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const ctx = this.pages.context(request);
    const c = texts(ctx.locale).commitments.page;
    const values = readForm(body, COMMITMENT_VERDICT_FIELDS, ['reason']);
    const { value, errors } = await check(
      CommitmentVerdictDto,
      { verdict: values.verdict, reason: values.reason || undefined },
      { verdict: c.chooseVerdict, reason: c.reasonError },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.commitments.verdict(user, remarkId, value, id),
      refusals: { WINDOW_CLOSED: 'form', NOT_A_COMMITMENT: 'form', NOT_AUTHOR: 'form' },
      render: (state, status) => this.planPage.render(request, reply, id, null, { commitment: { remarkId, state } }, status),
      done: () => seeOther(reply, `/plans/${id}?done=commitment#commitment-${remarkId}`),
    });
  }
}
