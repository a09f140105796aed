import { texts } from '../../common/i18n/catalogue';
import type { Locale } from '../../common/i18n/locale';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { Organization } from '../../organizations/organization.entity';
import type { AtomEntry, AtomFeed, AtomText } from './atom';
import type { FeedScope } from './feed-links';
import { feedTitles, feedUrl, PLANS_FEED_PATH } from './feed-links';
import type { FeedPlanRow } from './feeds.repository';
import { htmlText } from './xml';

/** How many of the newest published plans the feed holds (a reader keeps what it has seen). */
export const PLANS_FEED_SIZE = 50;

/** The first day the feeds existed: the date part of their tag: URIs (RFC 4151), which must never change. */
const TAG_DATE = '2026';

export interface PlansFeedInput {
  scope: FeedScope;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  organization: Organization | null;
  plans: FeedPlanRow[];
}

/** A published text in the feed's language; `lang` names the version shown when it is a fallback. */
function picked(text: LocalizedText, locale: Locale, type: 'text' | 'html' = 'text'): AtomText {
  const p = text.pick(locale);
  return { value: p.text, type, lang: p.fallback ? p.lang : undefined };
}

function dateTime(at: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(texts(locale).pages.common.intlLocale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
}

function tenge(amount: string, locale: Locale): string {
  const format = new Intl.NumberFormat(texts(locale).pages.common.intlLocale, {
    style: 'currency',
    currency: 'KZT',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  });
  return format.format(Number(amount));
}

/** The description, then the amount, the method and the stage-1 window, as HTML (escaped once more by the feed). */
function summary(p: FeedPlanRow, locale: Locale): AtomText {
  const t = texts(locale);
  const c = t.pages.common;
  const description = p.description.pick(locale);
  const window = p.stage1_closes_at
    ? t.feeds.stage1Window({
        from: dateTime(p.published_at, p.time_zone, locale),
        to: dateTime(p.stage1_closes_at, p.time_zone, locale),
        zone: p.time_zone,
      })
    : null;
  const facts = [[c.amount, tenge(p.amount, locale)], [c.method, c.methods[p.method] ?? p.method], ...(window ? [[c.stage1, window]] : [])];
  const lang = description.fallback ? ` lang="${description.lang}"` : '';
  const value =
    `<p${lang}>${htmlText(description.text)}</p>` +
    `<ul>${facts.map(([label, fact]) => `<li>${htmlText(label)}: ${htmlText(fact)}</li>`).join('')}</ul>`;
  return { value, type: 'html' };
}

function entry(p: FeedPlanRow, input: PlansFeedInput): AtomEntry {
  const { locale } = input.scope;
  return {
    id: `urn:uuid:${p.id}`,
    title: picked(p.title, locale),
    updated: p.updated_at,
    published: p.published_at,
    links: [{ rel: 'alternate', type: 'text/html', hreflang: locale, href: `${input.publicUrl}/plans/${p.id}?lang=${locale}` }],
    authors: [{ name: picked(p.organization_name, locale), uri: `${input.publicUrl}/?org=${p.organization_id}` }],
    categories: [{ term: p.method, label: texts(locale).pages.common.methods[p.method] ?? p.method }],
    summary: summary(p, locale),
  };
}

/**
 * The Atom feed of the newest published plans, in the scope's language. Its `updated` is the latest
 * change of an entry; an empty feed gives the organization's creation (or the Unix epoch), so that it
 * stays the same document until a plan is published.
 */
export function plansFeed(input: PlansFeedInput): AtomFeed {
  const { scope, publicUrl, organization } = input;
  const { locale } = scope;
  const host = new URL(publicUrl).hostname;
  const name = organization ? organization.name.text(locale) : null;
  const latest = Math.max(0, organization?.createdAt.getTime() ?? 0, ...input.plans.map((p) => p.updated_at.getTime()));
  const home = organization ? `${publicUrl}/?org=${organization.id}&lang=${locale}` : `${publicUrl}/?lang=${locale}`;
  return {
    lang: locale,
    id: organization ? `tag:${host},${TAG_DATE}:plans:organization:${organization.id}` : `tag:${host},${TAG_DATE}:plans`,
    title: { value: feedTitles(locale, name).plans },
    subtitle: { value: texts(locale).feeds.plansSubtitle },
    updated: new Date(latest),
    links: [
      { rel: 'self', type: 'application/atom+xml', href: feedUrl(PLANS_FEED_PATH, scope, publicUrl) },
      { rel: 'alternate', type: 'text/html', hreflang: locale, href: home },
    ],
    authors: organization ? [{ name: picked(organization.name, locale), uri: `${publicUrl}/?org=${organization.id}` }] : [],
    generator: { name: texts(locale).pages.common.serviceShort, uri: publicUrl },
    entries: input.plans.map((p) => entry(p, input)),
  };
}
