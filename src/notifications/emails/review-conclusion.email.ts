import type { Catalogue } from '../../common/i18n/catalogue';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface ReviewConclusionEmail {
  name: string;
  planTitle: LocalizedText;
  planUrl: string;
  result: keyof Catalogue['reviews']['result'];
  quorum: boolean;
  positionsCount: number;
  membersCount: number;
  /** How many answers the council found formal (a line about them when given). */
  formalAnswersCount?: number;
}

/** The council's conclusion, to the organizer's staff and the council's members. */
export const reviewConclusionEmail: EmailTemplate<ReviewConclusionEmail> = (p, t, locale) => {
  const m = t.reviews.conclusionEmail;
  const line = m.line({
    result: t.reviews.result[p.result],
    positionsCount: p.positionsCount,
    membersCount: p.membersCount,
    quorum: p.quorum ? m.quorumYes : m.quorumNo,
  });
  return {
    subject: m.subject({ planTitle: p.planTitle.text(locale) }),
    greeting: t.reviews.email.greeting({ name: p.name }),
    paragraphs: p.formalAnswersCount === undefined ? [line] : [line, t.councilCheck.conclusionLine({ count: p.formalAnswersCount })],
    link: { label: t.reviews.email.openDiscussion, url: p.planUrl },
  };
};
