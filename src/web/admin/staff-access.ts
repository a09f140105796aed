import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../identity/auth/auth-user';
import type { Role } from '../../identity/user.entity';
import { html } from '../html';
import { texts } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import { layout, PageContext } from '../layout';
import { sendPage } from '../web.controller';

/**
 * The gate of a staff page: the signed-in user of `role`, or null after answering the request —
 * a signed-out visitor is sent to the sign-in page (and back here after it), anyone else gets a
 * 403 page in their language.
 */
export function staffUser(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, role: Role, back = ctx.currentPath): AuthUser | null {
  const user = (request as FastifyRequest & { user?: AuthUser }).user;
  if (!user) {
    void reply.header('cache-control', 'no-store').redirect(`/login?next=${encodeURIComponent(back)}`, 303);
    return null;
  }
  if (user.role !== role || (role === 'council_member' && !user.councilId)) {
    const a = texts(ctx.locale).pages.admin;
    const body = html`<h1>${a.forbiddenTitle}</h1>
<p>${interpolate(a.forbiddenText, { role: a.roles[role], name: user.displayName })}</p>
<p><a href="/">${ctx.t.backHome}</a></p>`;
    sendPage(request, reply, ctx, layout(ctx, { title: a.forbiddenTitle, body }), 403);
    return null;
  }
  return user;
}
