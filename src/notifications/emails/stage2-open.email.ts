import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface Stage2OpenEmail {
  name: string;
  /** In the recipient's language (another version when theirs is missing). */
  planTitle: LocalizedText;
  planUrl: string;
  /** The last day of stage 2 (YYYY-MM-DD, the organizer's time zone). */
  closeDate: string;
}

/** The notice is published and stage 2 is open: to the plan's participants and followers. */
export const stage2OpenEmail: EmailTemplate<Stage2OpenEmail> = (p, t, locale) => ({
  subject: t.documentation.stage2OpenEmail.subject({ planTitle: p.planTitle.text(locale) }),
  greeting: t.reviews.email.greeting({ name: p.name }),
  paragraphs: [t.documentation.stage2OpenEmail.text({ closeDate: p.closeDate })],
  link: { label: t.reviews.email.openDiscussion, url: p.planUrl },
});
