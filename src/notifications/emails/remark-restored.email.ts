import { DateTime } from 'luxon';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface RemarkRestoredEmailParams {
  displayName: string;
  planTitle: LocalizedText;
  /** The author's own remark as written (only its author gets this e-mail). */
  remarkBody: string;
  /** Restored on the author's appeal (else on a moderator's second look). */
  onAppeal: boolean;
  note: string | null;
  /** The new answer deadline in the organizer's zone; null when the remark was answered already. */
  answerDue: { at: Date; timeZone: string } | null;
  url: string;
}

/** To the author of a hidden remark made public again: on their appeal or on a moderator's second look, and when it is to be answered. */
export const remarkRestoredEmail: EmailTemplate<RemarkRestoredEmailParams> = (p, t, locale) => {
  const l = t.moderation.email;
  const planTitle = p.planTitle.text(locale);
  const due = p.answerDue
    ? l.restored.due({
        until: `${DateTime.fromJSDate(p.answerDue.at, { zone: p.answerDue.timeZone }).toFormat('yyyy-MM-dd HH:mm')} (${p.answerDue.timeZone})`,
      })
    : l.restored.answered;
  return {
    subject: l.restored.subject({ planTitle }),
    greeting: l.greeting({ name: p.displayName }),
    paragraphs: [l.restored.intro({ planTitle }), ...(p.onAppeal ? [l.restored.appealKept] : []), due],
    quotes: [{ heading: l.remark, text: p.remarkBody }, ...(p.note ? [{ heading: l.note, text: p.note }] : [])],
    link: { label: l.restored.link, url: p.url },
  };
};
