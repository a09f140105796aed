import { texts } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { NewsSubscription } from '../../plans/plan-news.service';
import type { SafeHtml } from '../html';
import { html } from '../html';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { localizedInline } from '../localized';

function planLink(ctx: PageContext, found: NewsSubscription): SafeHtml {
  const t = texts(ctx.locale).unsubscribe;
  return html`<p>${t.planLabel}: <a href="/plans/${found.planId}">${localizedInline(found.planTitle, ctx.locale)}</a></p>`;
}

/**
 * GET /unsubscribe?token=: what the link stops and a button. Never unsubscribes by itself (mail
 * scanners open links); the button POSTs the same token, as the one-click POST of a mail client does.
 */
export function unsubscribeConfirmPage(ctx: PageContext, found: NewsSubscription, token: string): SafeHtml {
  const t = texts(ctx.locale).unsubscribe;
  if (found.optedOut) return unsubscribedPage(ctx, found);
  const body = html`<h1>${t.pageTitle}</h1>
${planLink(ctx, found)}
<p>${interpolate(t.pageIntro, { email: found.email })}</p>
<ul>${t.stops.map((s) => html`<li>${s}</li>`)}</ul>
<p>${t.keeps}</p>
<form method="post" action="/unsubscribe?token=${encodeURIComponent(token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${t.button}</button>
</form>`;
  return layout(ctx, { title: t.pageTitle, body });
}

/** After the POST (or a link already used): what stopped, what still comes, and how to follow again. */
export function unsubscribedPage(ctx: PageContext, found: NewsSubscription): SafeHtml {
  const t = texts(ctx.locale).unsubscribe;
  const body = html`<h1>${t.doneTitle}</h1>
<p class="notice-ok" role="status">${interpolate(t.done, { email: found.email })}</p>
${planLink(ctx, found)}
<p>${t.keeps}</p>
<p>${t.restore} <a href="/plans/${found.planId}">${t.planLink}</a></p>`;
  return layout(ctx, { title: t.doneTitle, body });
}
