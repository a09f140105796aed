import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { markPersonal } from '../../common/response-privacy';
import { PlanNewsService } from '../../plans/plan-news.service';
import { PageController, TokenPost } from '../page.decorators';
import { Pages } from '../page-response';
import { unsubscribeConfirmPage, unsubscribedPage } from './unsubscribe.page';

/**
 * The target of a news e-mail's List-Unsubscribe link (RFC 2369, RFC 8058). GET shows what will stop
 * and a button; POST (a mail client's one-click `List-Unsubscribe=One-Click`, or that button) stops it,
 * with the signed token as the only authority: no session and no CSRF token (see TokenPost). A forged
 * or cut token gets the error page UNSUBSCRIBE_LINK_INVALID (400). Both answers name the recipient's
 * address: personal to the link (no-store, no ETag, uncompressed; src/common/response-privacy.ts).
 */
@PageController('')
export class UnsubscribePagesController {
  constructor(
    private readonly pages: Pages,
    private readonly news: PlanNewsService,
  ) {}

  @Get('unsubscribe')
  async confirm(@Query('token') token: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    markPersonal(reply);
    const found = await this.news.preview(token);
    const ctx = this.pages.context(request);
    this.pages.send(request, reply, ctx, unsubscribeConfirmPage(ctx, found, token as string));
  }

  @TokenPost('unsubscribe')
  async unsubscribe(@Query('token') token: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    markPersonal(reply);
    const found = await this.news.unsubscribe(token);
    const ctx = this.pages.context(request);
    this.pages.send(request, reply, ctx, unsubscribedPage(ctx, found));
  }
}
