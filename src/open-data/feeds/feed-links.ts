import { API } from '../../common/api';
import { texts } from '../../common/i18n/catalogue';
import type { Locale } from '../../common/i18n/locale';

export const PLANS_FEED_PATH = `/${API}/feeds/plans.atom`;
export const HEARINGS_FEED_PATH = `/${API}/feeds/hearings.ics`;

/** Whose feed (every organization's when null) and in which language. */
export interface FeedScope {
  organizationId: string | null;
  locale: Locale;
}

/** The address of a feed for a scope: a path, or an absolute URL when `base` (PUBLIC_URL) is given. */
export function feedUrl(path: string, scope: FeedScope, base = ''): string {
  const query = new URLSearchParams();
  if (scope.organizationId !== null) query.set('organizationId', scope.organizationId);
  query.set('lang', scope.locale);
  return `${base}${path}?${query.toString()}`;
}

/** The titles of the two feeds of a scope, in its language; `organization` is the organization's name when it has one. */
export function feedTitles(locale: Locale, organization: string | null): { plans: string; hearings: string } {
  const f = texts(locale).feeds;
  return organization === null
    ? { plans: f.plansTitle, hearings: f.hearingsTitle }
    : { plans: f.plansOfTitle({ organization }), hearings: f.hearingsOfTitle({ organization }) };
}

/** A `<link rel="alternate">` of a page, and a visible link to the same feed. */
export interface FeedLink {
  type: 'application/atom+xml' | 'text/calendar';
  href: string;
  title: string;
}

/** The two feeds a page links to: its organization's (plan pages, filtered lists) or everyone's. */
export function feedLinks(scope: FeedScope, organization: string | null): FeedLink[] {
  const titles = feedTitles(scope.locale, organization);
  return [
    { type: 'application/atom+xml', href: feedUrl(PLANS_FEED_PATH, scope), title: titles.plans },
    { type: 'text/calendar', href: feedUrl(HEARINGS_FEED_PATH, scope), title: titles.hearings },
  ];
}
