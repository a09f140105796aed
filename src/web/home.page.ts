import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import type { FeedLink } from '../open-data/feeds/feed-links';
import { feedLinks } from '../open-data/feeds/feed-links';
import type { Locale } from '../common/i18n/locale';
import { daysLeft, formatTenge, intlLocale, timeTag, zoneLabel } from './format';
import type { SafeHtml } from './html';
import { html, htmlMessage } from './html';
import type { PageContext } from './layout';
import { layout } from './layout';
import { localizedInline } from './localized';
import type { OpenDiscussionRow, OrganizationOption, UpcomingHearingRow } from './public-pages.repository';

export interface HomeData {
  now: Date;
  q: string;
  organizationId: string;
  organizations: OrganizationOption[];
  open: OpenDiscussionRow[];
  hearings: UpcomingHearingRow[];
}

/** The organizers by their name in the reader's language (the query orders by the stored versions). */
function byName(organizations: OrganizationOption[], locale: Locale): OrganizationOption[] {
  const collator = new Intl.Collator(intlLocale(locale));
  return [...organizations].sort((a, b) => collator.compare(a.name.text(locale), b.name.text(locale)));
}

/** The feeds of the list shown: the chosen organizer's (when it is one of the list), else everyone's. */
function homeFeeds(data: HomeData, locale: Locale): FeedLink[] {
  const organization = data.organizations.find((o) => o.id === data.organizationId) ?? null;
  return feedLinks({ organizationId: organization?.id ?? null, locale }, organization ? organization.name.text(locale) : null);
}

function feedsSection(feeds: FeedLink[], locale: Locale): SafeHtml {
  const f = texts(locale).feeds;
  const [plans, hearings] = feeds;
  return html`<h2 id="feeds-heading">${f.subscribe}</h2>
<p class="meta">${f.subscribeHint}</p>
<ul aria-labelledby="feeds-heading">
  <li><a href="${plans.href}" type="${plans.type}" title="${plans.title}">${f.plansLink}</a></li>
  <li><a href="${hearings.href}" type="${hearings.type}" title="${hearings.title}">${f.hearingsLink}</a></li>
</ul>`;
}

export function homePage(ctx: PageContext, data: HomeData): SafeHtml {
  const { t, locale } = ctx;
  const feeds = homeFeeds(data, locale);
  const body = html`
<h1 id="open-heading">${t.openDiscussions}</h1>
<form class="search" method="get" action="/" role="search">
  <div class="field">
    <label for="q">${t.searchLabel}</label>
    <span class="hint" id="q-hint">${t.searchHint}</span>
    <input type="search" id="q" name="q" value="${data.q}" aria-describedby="q-hint" maxlength="200">
  </div>
  <div class="field">
    <label for="org">${t.organizerFilter}</label>
    <select id="org" name="org">
      <option value="">${t.allOrganizers}</option>
      ${byName(data.organizations, locale).map((o) => {
        const name = o.name.pick(locale);
        return html`<option value="${o.id}"${name.fallback ? html` lang="${name.lang}"` : ''}${o.id === data.organizationId ? html` selected` : ''}>${name.text}</option>`;
      })}
    </select>
  </div>
  <div><button type="submit">${t.searchButton}</button></div>
</form>
${
  data.open.length === 0
    ? html`<p>${t.noOpen}</p>`
    : html`<ul class="cards" aria-labelledby="open-heading">${data.open.map((p) => {
        const left = daysLeft(data.now, p.closes_at, p.time_zone);
        return html`<li class="card">
        <h2 class="card-title"><a href="/plans/${p.id}">${localizedInline(p.title, locale)}</a></h2>
        <p class="meta">${localizedInline(p.organization_name, locale)} · ${formatTenge(p.amount, locale)} · ${t.methods[p.method] ?? p.method}</p>
        <p><span class="badge stage">${p.stage === 2 ? t.stage2 : t.stage1}</span>
           ${htmlMessage(t.closesAt, { time: timeTag(p.closes_at, p.time_zone, locale) })}
           <span class="meta">(${zoneLabel(p.time_zone, data.now)})</span>
           <span class="badge days">${left === 0 ? t.lastDay : interpolate(t.daysLeft, { n: left })}</span></p>
      </li>`;
      })}</ul>`
}
<h2 id="hearings-heading">${t.upcomingHearings}</h2>
${
  data.hearings.length === 0
    ? html`<p>${t.noHearings}</p>`
    : html`<ul class="cards" aria-labelledby="hearings-heading">${data.hearings.map(
        (h) => html`<li class="card">
        <h3 class="card-title"><a href="/plans/${h.plan_id}">${localizedInline(h.title, locale)}</a></h3>
        <p><strong>${timeTag(h.starts_at, h.time_zone, locale)}</strong> <span class="meta">(${zoneLabel(h.time_zone, h.starts_at)})</span></p>
        <p class="meta">${localizedInline(h.organization_name, locale)} · ${localizedInline(h.venue, locale)}${h.room ? html`, ${localizedInline(h.room, locale)}` : ''}</p>
      </li>`,
      )}</ul>`
}
${feedsSection(feeds, locale)}`;
  return layout(ctx, { title: t.openDiscussions, description: t.meta.home, body, alternates: feeds });
}
