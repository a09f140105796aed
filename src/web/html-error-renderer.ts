import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HtmlErrorRenderer } from '../common/errors/error.filter';
import type { ErrorCode } from '../common/errors/error-codes';
import type { Locale } from '../common/i18n/locale';
import { LOW_VISION, pageContext, pathWithoutLang, VIEW_COOKIE } from './layout';
import { errorPage } from './error-pages';

/** Renders errors of page routes (anything outside /api, /health, /sandbox) as a page in the user's language. */
export class WebErrorRenderer implements HtmlErrorRenderer {
  render(request: FastifyRequest, reply: FastifyReply, error: { status: number; code: ErrorCode; message: string; locale: Locale }): void {
    const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
    const ctx = pageContext(error.locale, cookies[VIEW_COOKIE] === LOW_VISION, pathWithoutLang(request.url));
    void reply
      .status(error.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-language', error.locale)
      .header('cache-control', 'no-store')
      .send(errorPage(ctx, error.status, error.message).toString());
  }
}
