/** English texts of the "remarks" section; ru and kk are typed by this object. */
export const remarks = {
  bodyLength: 'must be 1 to 10000 characters',
  idempotencyKeyTooLong: 'is too long',
  /** Issue 15: the answer's languages. */
  answerBlank: 'must not be empty',
  translationEmpty: 'give at least one missing version of the answer or of the correction reason',
  translationNotCorrected: 'the latest answer version is not a correction and has no reason to translate',
  /** Why no window accepts a remark now (WINDOW_CLOSED); `at` is a local time with its zone. */
  windowClosed: {
    notPublished: 'the plan is not published',
    stage2Closed: (p: { at: string }) => `stage two closed on ${p.at}`,
    stage2Opens: (p: { at: string }) => `stage two opens on ${p.at}`,
    stage1Closed: (p: { at: string }) => `stage one closed on ${p.at}; stage two has not started`,
  },
  /** The disposition words of glossary.md. */
  dispositions: {
    accepted: 'accepted',
    partially_accepted: 'partially accepted',
    rejected: 'rejected',
    explained: 'explained',
  },
  answerEmail: {
    subject: (p: { planTitle: string }) => `Answer to your remark: ${p.planTitle}`,
    correctedSubject: (p: { planTitle: string }) => `The answer to your remark was corrected: ${p.planTitle}`,
    greeting: (p: { name: string }) => `Dear ${p.name},`,
    intro: (p: { planTitle: string }) => `The organizer published an answer to your remark on the procurement "${p.planTitle}".`,
    correctedIntro: (p: { planTitle: string; version: number }) =>
      `The organizer corrected the answer to your remark on the procurement "${p.planTitle}" (version ${p.version}).`,
    disposition: (p: { word: string }) => `Disposition: ${p.word}.`,
    remark: 'Your remark',
    answer: "The organizer's answer",
    reason: 'Reason for the correction',
    link: 'Open the discussion',
  },
};
