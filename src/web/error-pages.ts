import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import type { Role } from '../identity/user.entity';
import type { SafeHtml } from './html';
import { html } from './html';
import type { PageContext } from './layout';
import { layout } from './layout';

export function errorPage(ctx: PageContext, status: number, message?: string): SafeHtml {
  const { t } = ctx;
  const title = status === 404 ? t.notFoundTitle : t.errorTitle;
  const body = html`<h1>${title}</h1>
<p>${status === 404 ? t.notFoundText : (message ?? '')}</p>
<p><a href="/">${t.backHome}</a></p>`;
  return layout(ctx, { title, body });
}

/** The 403 page of a staff area (`role`'s pages) for someone signed in with another role. */
export function forbiddenPage(ctx: PageContext, role: Role, name: string): SafeHtml {
  const { organizer, admin } = texts(ctx.locale).pages;
  const title = role === 'organizer' ? organizer.forbiddenTitle : admin.forbiddenTitle;
  const text =
    role === 'organizer'
      ? interpolate(organizer.forbiddenText, { name })
      : interpolate(admin.forbiddenText, { role: admin.roles[role], name });
  const body = html`<h1>${title}</h1>
<p>${text}</p>
<p><a href="/">${ctx.t.backHome}</a></p>`;
  return layout(ctx, { title, body });
}
