/** English texts of the "scheduler" section (the e-mails of the periodic sweep); ru and kk are typed by this object. */
export const scheduler = {
  stage1Closed: {
    subject: (p: { planTitle: string }) => `Stage one closed: ${p.planTitle}`,
    summary: (p: { planTitle: string; remarks: number; unanswered: number }) =>
      `Stage one of the public discussion of "${p.planTitle}" has closed. Remarks: ${p.remarks}, unanswered: ${p.unanswered}.`,
    hearingBy: (p: { date: string }) => `The in-person public hearing must be held by ${p.date}, on a working day.`,
    link: 'Open the discussion',
  },
  stage2Closed: {
    subject: (p: { planTitle: string }) => `Stage two closed: ${p.planTitle}`,
    summary: (p: { planTitle: string; remarks: number; unanswered: number }) =>
      `Stage two of the public discussion of "${p.planTitle}" has closed. Remarks: ${p.remarks}, unanswered: ${p.unanswered}.`,
    answersBy: (p: { date: string }) => `Answers to all remarks are due by ${p.date}.`,
    link: 'Open the discussion',
  },
  answersOverdue: {
    subject: (p: { planTitle: string }) => `Answers overdue: ${p.planTitle}`,
    summary: (p: { planTitle: string; overdue: number }) =>
      `The answer deadline has passed for ${p.overdue} remark(s) on "${p.planTitle}". Late answers are publicly marked late.`,
    link: 'Answer the remarks',
  },
};
