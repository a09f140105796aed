import type { LocalizedText } from '../../common/i18n/localized-text';
import type { Catalogue } from '../../common/i18n/catalogue';
import type { EmailTemplate } from './render';

export interface OutcomeEmail {
  name: string;
  /** In the recipient's language (another version when theirs is missing). */
  planTitle: LocalizedText;
  planUrl: string;
  decision: keyof Catalogue['outcomes']['decision'];
  summary: LocalizedText;
  /** A correction (version 2 or later) rather than the first publication. */
  corrected: boolean;
  correctionReason: LocalizedText | null;
}

/** The published outcome, or its correction: to remark authors, followers and the council's members. */
export const outcomeEmail: EmailTemplate<OutcomeEmail> = (p, t, locale) => {
  const m = p.corrected ? t.outcomes.outcomeCorrectedEmail : t.outcomes.outcomeEmail;
  const decision = t.outcomes.decision[p.decision];
  return {
    subject: m.subject({ planTitle: p.planTitle.text(locale) }),
    greeting: t.reviews.email.greeting({ name: p.name }),
    paragraphs: [m.text({ decision })],
    quotes: [
      { heading: t.outcomes.outcomeEmail.summaryHeading, text: p.summary },
      ...(p.correctionReason ? [{ heading: t.outcomes.outcomeCorrectedEmail.reasonHeading, text: p.correctionReason }] : []),
    ],
    link: { label: t.reviews.email.openDiscussion, url: p.planUrl },
  };
};
