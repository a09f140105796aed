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
  maskedForPublic: 'Personal data in this remark (identity numbers, phone numbers, e-mail addresses) is masked: •••.',
  /** The plan's hidden remarks: the total and the count of each reason (`hiddenCountReason`, joined by commas). */
  hiddenCount: (p: { n: number; reasons: string }) => `Hidden by moderators: ${p.n} ${p.n === 1 ? 'remark' : 'remarks'} (${p.reasons})`,
  hiddenCountReason: (p: { reason: string; n: number }) => `${p.reason}: ${p.n}`,
  /** E-mails to the remark's author (who may read their own original text). */
  email: {
    greeting: (p: { name: string }) => `Dear ${p.name},`,
    remark: 'Your remark',
    note: "The moderator's note",
    hidden: {
      subject: (p: { planTitle: string }) => `Your remark was hidden: ${p.planTitle}`,
      intro: (p: { planTitle: string; reason: string }) =>
        `A moderator hid your remark on the procurement "${p.planTitle}" from the public for this reason: ${p.reason}. Nothing was deleted: the public sees that a remark was hidden, when and why; you and the moderators still read its text.`,
      appeal: (p: { until: string }) =>
        `You may appeal this decision once, until ${p.until}. Another moderator or an administrator will decide, not the one who hid it.`,
      link: 'Appeal the decision',
    },
    restored: {
      subject: (p: { planTitle: string }) => `Your remark is public again: ${p.planTitle}`,
      intro: (p: { planTitle: string }) => `Your remark on the procurement "${p.planTitle}" is public again.`,
      appealKept: 'Your appeal was decided in your favour.',
      due: (p: { until: string }) => `The organizer must answer it by ${p.until}.`,
      answered: 'Its answer stays as it was published.',
      link: 'Open the discussion',
    },
    upheld: {
      subject: (p: { planTitle: string }) => `Your appeal was decided: ${p.planTitle}`,
      intro: (p: { planTitle: string; reason: string }) =>
        `Another moderator reviewed your appeal about your remark on the procurement "${p.planTitle}" and kept it hidden for this reason: ${p.reason}.`,
      final: 'A decision on an appeal is final; you may leave a new remark while a stage of the discussion is open.',
      link: 'Open the discussion',
    },
  },
  /** Field errors of the moderation API and forms. */
  api: {
    reasonRequired: 'choose a reason from the list to hide a remark',
    noteRequired: 'write a note of 1 to 2000 characters to hide a remark',
    textLength: 'must be 1 to 2000 characters',
    textTooLong: 'must be at most 2000 characters',
  },
  /** What the plan page and the other reads of remarks say about moderation (issue 16). */
  reads: {
    formHint: 'Identity numbers (IIN), phone numbers and e-mail addresses in your remark will be masked for the public.',
    /** RATE_LIMITED on the remark form: the limit and when the next remark is accepted (Retry-After). */
    remarksRateLimited: 'You have left {limit} remarks on this plan within an hour; try again after {time}.',
    report: 'Report',
    reportLabel: 'Report this remark to the moderators',
    appeal: 'Appeal',
    appealLabel: 'Appeal against hiding this remark',
    moderate: 'Moderate',
    moderateLabel: 'Open this remark for moderation',
    /** The author's link while an appeal is allowed. */
    appealUntil: 'Appeal until {time}',
    appealPending: 'Appeal pending: another moderator decides.',
    appealUpheld: 'Appeal decided: kept hidden.',
    appealRestored: 'Restored on appeal.',
    /** Instead of the report link when the reader already reported the remark. */
    reportedByYou: 'You reported this remark.',
    /** The moderator's note, for the author of a hidden remark. */
    note: "Moderator's note",
    hiddenTitle: 'Hidden remarks',
    hiddenNone: 'No remarks have been hidden by moderators.',
    /** A hidden remark needs no answer while hidden (organizer pages). */
    noAnswerNeeded: 'Needs no answer while hidden.',
  },
};
