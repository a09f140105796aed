import type { EmailTemplate } from './render';

export interface NoticeCorrectedEmail {
  name: string;
  planTitle: string;
  planUrl: string;
  reason: string;
}

/** A corrected notice: to the plan's participants and followers. */
export const noticeCorrectedEmail: EmailTemplate<NoticeCorrectedEmail> = (p, t) => {
  const m = t.documentation.noticeCorrectedEmail;
  return {
    subject: m.subject({ planTitle: p.planTitle }),
    greeting: t.reviews.email.greeting({ name: p.name }),
    paragraphs: [m.text],
    quotes: [{ heading: m.reasonHeading, text: p.reason }],
    link: { label: t.reviews.email.openDiscussion, url: p.planUrl },
  };
};
