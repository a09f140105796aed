import { DateTime } from 'luxon';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface HearingEmailParams {
  kind: 'scheduled' | 'rescheduled' | 'cancelled' | 'reminder';
  displayName: string;
  planTitle: LocalizedText;
  startsAt: Date;
  endsAt: Date;
  /** The organizer's zone, in which the times are shown. */
  timeZone: string;
  venue: LocalizedText;
  room: LocalizedText | null;
  livestreamUrl: string | null;
  cancelReason: string | null;
  url: string;
}

function local(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** A hearing scheduled, rescheduled or cancelled, or the reminder the working day before it. */
export const hearingEmail: EmailTemplate<HearingEmailParams> = (p, t, locale) => {
  const l = t.hearings.email;
  const headline = `${l.subjects[p.kind]}: ${p.planTitle.text(locale)}`;
  const paragraphs = [
    headline,
    `${l.when}: ${local(p.startsAt, p.timeZone)} – ${local(p.endsAt, p.timeZone).slice(11)} (${p.timeZone})`,
    `${l.where}: ${p.venue.text(locale)}`,
  ];
  if (p.room) paragraphs.push(`${l.room}: ${p.room.text(locale)}`);
  if (p.livestreamUrl) paragraphs.push(`${l.stream}: ${p.livestreamUrl}`);
  if (p.kind === 'cancelled' && p.cancelReason) paragraphs.push(`${l.reason}: ${p.cancelReason}`);
  if (p.kind !== 'cancelled') paragraphs.push(l.anyone);
  return { subject: headline.slice(0, 250), greeting: l.hello({ name: p.displayName }), paragraphs, link: { label: l.open, url: p.url } };
};
