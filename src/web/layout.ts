import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../common/i18n/locale';
import { interpolate, LOCALES } from '../common/i18n/locale';
import { csrfField } from './forms/csrf';
import type { HtmlValue, SafeHtml } from './html';
import { html } from './html';
import { texts, type Catalogue } from '../common/i18n/catalogue';
import { isModerator } from '../remarks/remark-moderation';
import { ICON_SVG_VERSION } from './static-assets';

export const VIEW_COOKIE = 'view';
export const LOW_VISION = 'lowvision';

/** The stylesheet, read once; the build copies src/web/assets next to the compiled files. */
export const SITE_CSS = readFileSync(join(__dirname, 'assets', 'site.css'), 'utf8');
export const SITE_CSS_VERSION = createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 12);

/** What every page needs to know about the request. */
export interface PageContext {
  locale: Locale;
  t: Catalogue['pages']['common'];
  lowVision: boolean;
  /** Path and query of the current page (without lang), for the switchers to come back to. */
  currentPath: string;
  /** The signed-in person, if any. */
  user?: PageUser | null;
  /** CSRF token for the forms of this page (signed-in users; the sign-in form gets its own). */
  csrf?: string | null;
}

export interface PageUser {
  id: string;
  displayName: string;
  role: string;
  organizationId: string | null;
  emailVerified: boolean;
}

export function pageContext(
  locale: Locale,
  lowVision: boolean,
  currentPath: string,
  user: PageUser | null = null,
  csrf: string | null = null,
): PageContext {
  return { locale, t: texts(locale).pages.common, lowVision, currentPath, user, csrf };
}

/** The links of the signed-in person's role (their pages live in src/web/<role>/), and the public ones. */
function siteNav(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const links: Array<[string, string]> = [['/', t.home]];
  const role = ctx.user?.role;
  if (role === 'citizen') links.push(['/my/remarks', t.navMyRemarks]);
  if (role === 'organizer') links.push(['/organizer', t.navOrganizer]);
  if (role === 'council_member') links.push(['/council', t.navCouncil]);
  if (isModerator(ctx.user)) links.push(['/moderation', texts(ctx.locale).pages.moderation.nav]);
  if (role === 'admin') links.push(['/admin', t.navAdmin]);
  links.push(['/statistics', t.navStatistics]);
  if (!ctx.user) links.push(['/register', t.navRegister]);
  const current = ctx.currentPath.split('?')[0];
  return html`<nav class="site-nav" aria-label="${t.mainMenu}"><div class="wrap"><ul>${links.map(([href, label]) =>
    href === current ? html`<li><a href="${href}" aria-current="page">${label}</a></li>` : html`<li><a href="${href}">${label}</a></li>`,
  )}</ul></div></nav>`;
}

function account(ctx: PageContext, next: string): SafeHtml {
  const { t } = ctx;
  if (!ctx.user) {
    return ctx.currentPath.startsWith('/login') ? html`` : html`<a class="account" href="/login?next=${next}">${t.signIn}</a>`;
  }
  return html`<div class="account"><a class="who" href="/account">${interpolate(t.signedInAs, { name: ctx.user.displayName })}</a>
      ${
        ctx.csrf
          ? html`<form class="inline" method="post" action="/logout">${csrfField(ctx.csrf)}<button type="submit" class="link">${t.signOut}</button></form>`
          : ''
      }</div>`;
}

/** Removes `lang` from a path's query, so the switcher does not carry a stale choice. */
export function pathWithoutLang(url: string): string {
  const [path, query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  params.delete('lang');
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

/**
 * A same-site path only ("/x", not "//evil", "/\\evil" or "http://..."); "/" otherwise. Only printable
 * ASCII: the links of these pages send `next` percent-encoded, and a decoded "/к" or a control
 * character cannot be a Location header (Node refuses it, which was a 500).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[^\x21-\x7e]|\\/.test(next)) return '/';
  return next;
}

export interface PageOptions {
  title: string;
  /** The page's <meta name="description"> in its language; the service's own when a page has none of its own. */
  description?: string;
  body: HtmlValue;
  /** `<link rel="alternate">` of the page's feeds (src/open-data/feeds/feed-links.ts). */
  alternates?: readonly { type: string; href: string; title: string }[];
}

export function layout(ctx: PageContext, page: PageOptions): SafeHtml {
  const { t, locale } = ctx;
  const next = encodeURIComponent(ctx.currentPath);
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — ${t.serviceShort}</title>
<meta name="description" content="${page.description ?? t.meta.default}">
<link rel="stylesheet" href="/assets/site.css?v=${SITE_CSS_VERSION}">
<link rel="icon" href="/assets/icon.svg?v=${ICON_SVG_VERSION}" type="image/svg+xml">
${(page.alternates ?? []).map((a) => html`<link rel="alternate" type="${a.type}" href="${a.href}" title="${a.title}">`)}
</head>
<body class="${ctx.lowVision ? 'lowvision' : ''}">
<a class="skip-link" href="#main">${t.skipToContent}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/">${t.serviceName}</a>
    <nav class="tools" aria-label="${t.language}">
      <ul class="lang-switch">
        ${LOCALES.map((l) =>
          l === locale
            ? html`<li><span class="current" aria-current="true" lang="${l}">${t.languageNames[l]}</span></li>`
            : html`<li><a href="/lang/${l}?next=${next}" hreflang="${l}" lang="${l}">${t.languageNames[l]}</a></li>`,
        )}
      </ul>
      <a class="view-toggle" href="/view/${ctx.lowVision ? 'standard' : LOW_VISION}?next=${next}">${ctx.lowVision ? t.lowVisionOff : t.lowVisionOn}</a>
    </nav>
    ${account(ctx, next)}
  </div>
  ${siteNav(ctx)}
</header>
<main id="main" class="wrap" tabindex="-1">
${page.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${t.tagline}. ${t.footer}</p>
    <p><a href="/">${t.home}</a> · <a href="/api/docs">${t.apiDocs}</a></p>
  </div>
</footer>
</body>
</html>`;
}
