import type { EmailTemplate } from './render';

export interface AnswersOverdueEmailParams {
  planTitle: string;
  overdue: number;
  url: string;
}

/** To the organizer's staff, at most daily: remarks of a plan whose answer deadline has passed. */
export const answersOverdueEmail: EmailTemplate<AnswersOverdueEmailParams> = (p, t) => {
  const l = t.scheduler.answersOverdue;
  return { subject: l.subject(p), paragraphs: [l.summary(p)], link: { label: l.link, url: p.url } };
};
