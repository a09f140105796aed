import { DateTime } from 'luxon';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface RemarkHiddenEmailParams {
  displayName: string;
  planTitle: LocalizedText;
  /** The author's own remark as written (only its author gets this e-mail). */
  remarkBody: string;
  /** A key of the catalogue's moderation.reasons. */
  reason: string;
  note: string | null;
  /** The appeal form, and the end of the appeal window shown in the organizer's zone. */
  appeal: { url: string; closesAt: Date; timeZone: string };
}

function local(instant: Date, zone: string): string {
  return `${DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm')} (${zone})`;
}

/** To the author of a remark a moderator hid: the reason, the note, and how to appeal until when. */
export const remarkHiddenEmail: EmailTemplate<RemarkHiddenEmailParams> = (p, t, locale) => {
  const l = t.moderation.email;
  const planTitle = p.planTitle.text(locale);
  const reason = t.moderation.reasons[p.reason] ?? p.reason;
  return {
    subject: l.hidden.subject({ planTitle }),
    greeting: l.greeting({ name: p.displayName }),
    paragraphs: [l.hidden.intro({ planTitle, reason }), l.hidden.appeal({ until: local(p.appeal.closesAt, p.appeal.timeZone) })],
    quotes: [{ heading: l.remark, text: p.remarkBody }, ...(p.note ? [{ heading: l.note, text: p.note }] : [])],
    link: { label: l.hidden.link, url: p.appeal.url },
  };
};
