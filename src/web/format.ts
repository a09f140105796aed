import { DateTime } from 'luxon';
import { texts } from '../common/i18n/catalogue';
import type { Locale } from '../common/i18n/locale';
import type { SafeHtml } from './html';
import { html } from './html';

/** The BCP 47 tag Intl formats a language's dates and numbers with. */
export function intlLocale(locale: Locale): string {
  return texts(locale).pages.common.intlLocale;
}

/** "17 March 2027, 23:59" in the organizer's time zone, in the reader's language. */
export function formatDateTime(instant: Date | string, tz: string, locale: Locale): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: tz }).format(d);
}

/** A local calendar date (YYYY-MM-DD) written out in the reader's language. */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The machine-readable moment of an instant, with the offset of the zone it is shown in: "2027-03-17T23:59:00+05:00". */
export function isoInZone(instant: Date | string, tz: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return DateTime.fromJSDate(d, { zone: tz }).toISO({ suppressMilliseconds: true }) ?? d.toISOString();
}

/** An instant shown as formatDateTime, in a <time> with its machine-readable moment. */
export function timeTag(instant: Date | string, tz: string, locale: Locale): SafeHtml {
  return html`<time datetime="${isoInZone(instant, tz)}">${formatDateTime(instant, tz, locale)}</time>`;
}

/** A local calendar date (YYYY-MM-DD) shown as formatDate, in a <time> with the date itself. */
export function dateTag(date: string, locale: Locale): SafeHtml {
  return html`<time datetime="${date}">${formatDate(date, locale)}</time>`;
}

/** Whole tenge: "12 500 000 ₸". */
export function formatTenge(amount: number | string, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency: 'KZT',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(Number(amount));
}

/** Whole calendar days from today (local) to the local date of `closesAt`; 0 on the last day. */
export function daysLeft(now: Date, closesAt: Date | string, tz: string): number {
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf('day');
  const last = DateTime.fromJSDate(typeof closesAt === 'string' ? new Date(closesAt) : closesAt, { zone: tz }).startOf('day');
  return Math.max(0, Math.round(last.diff(today, 'days').days));
}

/** The offset label of a time zone at an instant, e.g. "Asia/Almaty, UTC+5". */
export function zoneLabel(tz: string, at: Date): string {
  const dt = DateTime.fromJSDate(at, { zone: tz });
  return `${tz}, UTC${dt.toFormat('Z')}`; // +5 or +5:30 ('ZZ' gives +05:00)
}
