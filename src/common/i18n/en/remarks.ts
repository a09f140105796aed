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
  /** Issue 15: the remark's language on the pages, and the answer forms in Kazakh and Russian. */
  languages: {
    choiceLabel: 'Language of your remark',
    choiceHint: 'The answer will include this language when it is Kazakh or Russian; otherwise Kazakh or Russian.',
    other: 'Another language',
    unknown: 'another language',
    /** Beside a remark written in another language than the page's. */
    writtenIn: ({ language }: { language: string }) => `Written in ${language}`,
    /** The queue's line for each remark. */
    queueLanguage: ({ language }: { language: string }) => `Language of the remark: ${language}`,
    /** The answer form's hint: what the law asks. */
    answerNeeds: ({ language }: { language: string }) =>
      `The remark is in ${language}: the answer must include ${language}; the other state language is welcome.`,
    answerEither: ({ language }: { language: string }) =>
      `The remark is in ${language}: answer in Kazakh or Russian (or both); English may be added.`,
    answerLegend: 'Reasoned answer',
    reasonLegend: 'Reason for the correction',
    translate: 'Add a translation of the answer',
    translationTitle: 'Translation of the answer',
    translationIntro:
      'Add the languages the published answer lacks. A translation is not a correction: no new version, the verdict stays, no e-mail is sent. Versions already published cannot be changed here.',
    translationSubmit: 'Publish the translation',
    translationDone: 'The translation is published.',
    translationEmpty: 'Type at least one missing version.',
    missingOne: ({ language }: { language: string }) => `Required: the answer must include ${language}, the language of the remark.`,
    missingEither: 'Required: write this in Kazakh or in Russian (or both).',
  },
};
