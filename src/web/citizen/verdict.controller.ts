import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { texts } from '../../common/i18n/catalogue';
import type { AuthUser } from '../../identity/auth/auth-user';
import { Auth, CurrentUser } from '../../identity/auth/auth.decorators';
import { VerdictDto, VERDICT_REASON_MAX, VERDICT_REASON_MIN } from '../../remarks/remarks.dto';
import { VerdictsService } from '../../remarks/verdicts.service';
import type { FormState } from '../forms/form';
import { check, readForm } from '../forms/form';
import { submit } from '../forms/submit';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import type { VerdictField } from '../verdict-parts';
import { VERDICT_FIELDS, VERDICT_FROM } from '../verdict-parts';
import { verdictPage } from './verdict.page';

/**
 * The remark author's verdict on the answer: the page the answer e-mail links to (GET shows the
 * remark, the answer and the form, and changes nothing; signed-out readers sign in and come back)
 * and the POST of every verdict form (this page, the plan page, "my remarks"), through the API's
 * VerdictDto and VerdictsService. A refusal shows this page with the message on the form.
 */
@PageController('remarks/:id/verdict')
export class VerdictPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly verdicts: VerdictsService,
  ) {}

  @Get()
  @Auth()
  async show(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(request, reply, id, user, { recorded: done === 'verdict' });
  }

  @FormPost('', { signIn: '/remarks/:id/verdict' })
  @Auth()
  async record(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const s = texts(ctx.locale).verdicts.page;
    const context = await this.verdicts.context(id);
    const values = readForm(body, VERDICT_FIELDS, ['reason']);
    const from = (VERDICT_FROM as readonly string[]).includes(values.from) ? values.from : 'page';
    values.from = from;
    const { value, errors } = await check(
      VerdictDto,
      { verdict: values.verdict, reason: values.reason, answerVersion: values.answerVersion },
      {
        verdict: s.chooseVerdict,
        reason: s.reasonLength({ min: VERDICT_REASON_MIN, max: VERDICT_REASON_MAX }),
        answerVersion: s.chooseVerdict,
      },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.verdicts.record(user, context.row.remark_id, value),
      refusals: { NOT_ANSWERED: 'form', ANSWER_VERSION_STALE: 'form', VERDICT_WINDOW_CLOSED: 'form' },
      render: (state, status) => this.render(request, reply, id, user, { state }, status),
      done: () => {
        const anchor = `#remark-${context.row.remark_id}`;
        if (from === 'plan') return seeOther(reply, `/plans/${context.row.plan_id}?done=verdict${anchor}`);
        if (from === 'my') return seeOther(reply, `/my/remarks?done=verdict${anchor}`);
        return seeOther(reply, `/remarks/${context.row.remark_id}/verdict?done=verdict`);
      },
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    user: AuthUser,
    o: { recorded?: boolean; state?: FormState<VerdictField> },
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const context = await this.verdicts.context(id);
    const page = verdictPage(ctx, { context, isAuthor: context.row.author_id === user.id, recorded: o.recorded ?? false, state: o.state });
    this.pages.send(request, reply, ctx, page, status);
  }
}
