import type { EmailTemplate } from './render';

export interface Stage2ClosedEmailParams {
  planTitle: string;
  remarks: number;
  unanswered: number;
  /** The date by which every stage-2 remark must be answered (YYYY-MM-DD). */
  answersDueDate: string;
  url: string;
}

/** To the organizer's staff: stage 2 has closed, with its remark counts and the answer deadline. */
export const stage2ClosedEmail: EmailTemplate<Stage2ClosedEmailParams> = (p, t) => {
  const l = t.scheduler.stage2Closed;
  return {
    subject: l.subject(p),
    paragraphs: [l.summary(p), l.answersBy({ date: p.answersDueDate })],
    link: { label: l.link, url: p.url },
  };
};
