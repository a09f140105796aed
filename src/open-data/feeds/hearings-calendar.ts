import { texts } from '../../common/i18n/catalogue';
import type { AppConfig } from '../../config/config';
import { hearingEvent } from '../../hearings/hearing-mail';
import { icsObject, icsText, veventLines } from '../../hearings/ics';
import type { Organization } from '../../organizations/organization.entity';
import type { FeedScope } from './feed-links';
import { feedTitles, feedUrl, HEARINGS_FEED_PATH } from './feed-links';
import type { FeedHearing } from './feeds.repository';

/** At most this many hearings in the calendar: far more than can be upcoming (each is within days of its stage 1 closing). */
export const HEARINGS_FEED_SIZE = 1000;

/**
 * RFC 5545 wants at least one component in a calendar: with no upcoming hearing the calendar carries
 * the zone of Kazakhstan (one offset, UTC+5, since 1 March 2024), which the events' UTC times never need.
 */
const KAZAKHSTAN_ZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Almaty',
  'BEGIN:STANDARD',
  'DTSTART:20240301T000000',
  'TZOFFSETFROM:+0600',
  'TZOFFSETTO:+0500',
  'TZNAME:+05',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** How often a subscribed calendar app should fetch the calendar again (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL). */
export const HEARINGS_REFRESH = 'PT1H';

export interface HearingsCalendarInput {
  scope: FeedScope;
  config: AppConfig;
  organization: Organization | null;
  hearings: FeedHearing[];
  /** The clock's time: DTSTAMP of every event. */
  now: Date;
}

/**
 * Every upcoming hearing as one iCalendar object (RFC 5545, METHOD:PUBLISH) to subscribe to: each event
 * is the one the per-hearing download and the e-mailed invitations carry (same UID, SEQUENCE raised by
 * every reschedule, texts in the scope's language, times in UTC), with the calendar's name (RFC 7986
 * NAME and the widely read X-WR-CALNAME) and how often to refresh it.
 */
export function hearingsCalendar(input: HearingsCalendarInput): string {
  const { scope, config, organization } = input;
  const { locale } = scope;
  const title = feedTitles(locale, organization ? organization.name.text(locale) : null).hearings;
  const description = texts(locale).feeds.hearingsDescription;
  return icsObject([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//talqylau//upcoming public hearings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${icsText(title)}`,
    `X-WR-CALNAME:${icsText(title)}`,
    `DESCRIPTION:${icsText(description)}`,
    `X-WR-CALDESC:${icsText(description)}`,
    `SOURCE;VALUE=URI:${feedUrl(HEARINGS_FEED_PATH, scope, config.publicUrl)}`,
    `URL:${config.publicUrl}/${organization ? `?org=${organization.id}` : ''}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${HEARINGS_REFRESH}`,
    `X-PUBLISHED-TTL:${HEARINGS_REFRESH}`,
    ...input.hearings.flatMap((h) => veventLines(hearingEvent(config, h.plan, h.organization, h.hearing, locale, 'PUBLISH', input.now))),
    ...(input.hearings.length === 0 ? KAZAKHSTAN_ZONE : []),
    'END:VCALENDAR',
  ]);
}
