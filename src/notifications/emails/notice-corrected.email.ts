import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface NoticeCorrectedEmail {
  name: string;
  /** In the recipient's language (another version when theirs is missing). */
  planTitle: LocalizedText;
  planUrl: string;
  reason: LocalizedText;
}

/** A corrected notice: to the plan's participants and followers. */
export const noticeCorrectedEmail: EmailTemplate<NoticeCorrectedEmail> = (p, t, locale) => {
  const m = t.documentation.noticeCorrectedEmail;
  return {
    subject: m.subject({ planTitle: p.planTitle.text(locale) }),
    greeting: t.reviews.email.greeting({ name: p.name }),
    paragraphs: [m.text],
    quotes: [{ heading: m.reasonHeading, text: p.reason }],
    link: { label: t.reviews.email.openDiscussion, url: p.planUrl },
  };
};
