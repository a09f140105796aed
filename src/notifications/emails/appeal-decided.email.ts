import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface AppealDecidedEmailParams {
  displayName: string;
  planTitle: LocalizedText;
  /** The author's own remark as written (only its author gets this e-mail). */
  remarkBody: string;
  /** A key of the catalogue's moderation.reasons: why it stays hidden. */
  reason: string;
  note: string | null;
  url: string;
}

/** To the author whose appeal was refused: the remark stays hidden, why, and that this is final. (A kept appeal sends remark-restored.) */
export const appealDecidedEmail: EmailTemplate<AppealDecidedEmailParams> = (p, t, locale) => {
  const l = t.moderation.email;
  const planTitle = p.planTitle.text(locale);
  const reason = t.moderation.reasons[p.reason] ?? p.reason;
  return {
    subject: l.upheld.subject({ planTitle }),
    greeting: l.greeting({ name: p.displayName }),
    paragraphs: [l.upheld.intro({ planTitle, reason }), l.upheld.final],
    quotes: [{ heading: l.remark, text: p.remarkBody }, ...(p.note ? [{ heading: l.note, text: p.note }] : [])],
    link: { label: l.upheld.link, url: p.url },
  };
};
