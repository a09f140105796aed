import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface RecommendationResponseEmail {
  name: string;
  planTitle: LocalizedText;
  planUrl: string;
  recommendation: LocalizedText;
  accepted: boolean;
  response: LocalizedText;
  corrected: boolean;
}

/** The organizer's response (or its correction) to the council member who made the recommendation. */
export const recommendationResponseEmail: EmailTemplate<RecommendationResponseEmail> = (p, t, locale) => {
  const m = t.reviews.responseEmail;
  return {
    subject: m.subject({ corrected: p.corrected, planTitle: p.planTitle.text(locale) }),
    greeting: t.reviews.email.greeting({ name: p.name }),
    paragraphs: [p.accepted ? m.accepted : m.rejected],
    quotes: [
      { heading: m.recommendationHeading, text: p.recommendation },
      { heading: m.responseHeading, text: p.response },
    ],
    link: { label: t.reviews.email.openDiscussion, url: p.planUrl },
  };
};
