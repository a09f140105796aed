/** Moderation of remarks (issue 16): reasons, actions, the hidden state, e-mails and pages. */
export const moderation = {
  /** One list for reports and decisions; `other` is for reports only. */
  reasons: {
    insult: 'insult',
    personal_data: "another person's personal data",
    spam: 'spam',
    off_topic: 'off topic',
    duplicate: 'duplicate of the same author',
    other: 'other',
  } as Record<string, string>,
  actions: { hide: 'hide', keep: 'keep public' } as Record<string, string>,
  /** A hidden remark as the public sees it. */
  hidden: 'Hidden by a moderator on {at}: {reason}.',
  /** The author and moderators see the text with this note. */
  hiddenForAuthor: 'Hidden from the public on {at} ({reason}); only you and the moderators see the text.',
  /** The author is told the public sees personal data masked. */
  maskedNote: 'Identity numbers, phone numbers and e-mail addresses in this text are masked for the public.',
  hiddenCount: '{n} remark(s) hidden by moderators',
  /** What the plan page and the other reads of remarks say about moderation (issue 16). */
  reads: {
    formHint: 'Identity numbers (IIN), phone numbers and e-mail addresses in your remark will be masked for the public.',
    report: 'Report',
    reportLabel: 'Report this remark to the moderators',
    appeal: 'Appeal',
    appealLabel: 'Appeal against hiding this remark',
    moderate: 'Moderate',
    moderateLabel: 'Open this remark for moderation',
    hiddenTitle: 'Hidden remarks',
    hiddenNone: 'No remarks have been hidden by moderators.',
    /** A hidden remark needs no answer while hidden (organizer pages). */
    noAnswerNeeded: 'Needs no answer while hidden.',
  },
};
