import type { EmailTemplate } from './render';

export interface Stage1ClosedEmailParams {
  planTitle: string;
  remarks: number;
  unanswered: number;
  /** The last date of the hearing (YYYY-MM-DD), null when unknown. */
  hearingDeadlineDate: string | null;
  url: string;
}

/** To the organizer's staff: stage 1 has closed, with its remark counts and the hearing deadline. */
export const stage1ClosedEmail: EmailTemplate<Stage1ClosedEmailParams> = (p, t) => {
  const l = t.scheduler.stage1Closed;
  return {
    subject: l.subject(p),
    paragraphs: [l.summary(p), l.hearingBy({ date: p.hearingDeadlineDate ?? '-' })],
    link: { label: l.link, url: p.url },
  };
};
