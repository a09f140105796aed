/** The council's check of formal answers: positions, conclusion, e-mails and pages. */
export const councilCheck = {
  /** To the organizer's staff when the review closes with answers the council found formal. */
  findingsEmail: {
    subject: (p: { planTitle: string }) => `Answers the council found formal: ${p.planTitle}`,
    intro: (p: { count: number }) =>
      `The public council has closed its review. More than half of its members found ${p.count} answer(s) formal. Publish a corrected answer for each: a real change of the text or the disposition. The outcome is refused until every one is corrected.`,
    item: (p: { n: number; stage: number; remark: string; votes: number; membersCount: number; url: string }) =>
      `${p.n}. Remark (stage ${p.stage}): "${p.remark}". Named formal by ${p.votes} of ${p.membersCount} members. Correct the answer: ${p.url}`,
    answerHeading: (p: { n: number }) => `Answer ${p.n} as the council read it`,
    openQueue: 'Open the corrections the council demands',
  },
  /** A line added to the conclusion e-mail. */
  conclusionLine: (p: { count: number }) =>
    p.count > 0
      ? `The council found ${p.count} answer(s) formal: the organizer must publish corrected answers before the outcome.`
      : 'The council found no answer formal.',
  /** The council member's position form and the council's pages. */
  pages: {
    checkIntro:
      "Name the answers you find formal: answers that do not really deal with the remark. An answer named by more than half of the council's members is formal by the council, and the organizer must publish a corrected answer before the outcome. Answers their authors called formal come first.",
    checkLegend: 'Answers you find formal (optional)',
    noAnswers: 'No remark of this plan has an answer yet.',
    moreAnswers: 'Only the first {n} answers are listed here; the others are on the plan page.',
    remarkBy: 'Remark by {name} (stage {stage}), {time}',
    answerOf: 'Answer, version {n}: {disposition}',
    calledFormal: 'Its author calls this answer formal',
    calledReasoned: 'Its author calls this answer reasoned',
    noVerdict: 'Its author has not judged this answer',
    reason: 'Reason: {reason}',
    checkbox: 'I find this answer formal',
    tooMany: 'Too many answers are chosen.',
    votesTitle: 'Answers named formal',
    votesIntro:
      "Answers their authors called formal and answers council members named formal. An answer named by more than half of the council's members is formal by the council.",
    colAnswer: 'Remark',
    colAuthor: "Author's verdict",
    colVotes: 'Council members who named it formal',
    colFinding: "Council's finding",
    votes: '{votes} of {members}',
    findingFormal: 'Formal: a correction is required',
    findingCorrected: 'Formal; corrected on {time}',
    findingNone: 'Not formal by the council',
    findingPending: 'The review is still open',
    conclusionFormal: 'The council found {n} answer(s) formal; the organizer must publish corrected answers before the outcome.',
    conclusionNoFormal: 'The council found no answer formal.',
  },
  /** The organizer's queue and the correction form. */
  organizer: {
    findingsTitle: 'Corrections the council demands',
    findingsIntro:
      'The public council found these answers formal. Publish a corrected answer that really changes the text or the disposition; the outcome is refused until every one is corrected.',
    findingsEmpty: 'The council demands no correction.',
    foundBy: 'Found formal on {time} by {votes} of {members} council members',
    calledTitle: 'Answers their authors called formal',
    calledIntro:
      'The authors of these remarks call the latest answer formal. The public council sees these verdicts when it checks the answers.',
    calledEmpty: 'No author calls an answer formal.',
    calledOn: 'Called formal on {time}',
    remarkOn: '{plan} · {stage}',
    answerNow: 'Current answer (version {n}): {disposition}',
    correct: 'Correct the answer',
    correctionTitle: 'Correct the answer',
    correctionIntro:
      "A correction is a new public version of the answer: earlier versions stay public, and the remark's author is e-mailed. It must really change the text or the disposition.",
    councilFound: 'The public council found this answer formal ({votes} of {members} members).',
    remark: 'Remark by {name}, {time}',
    currentAnswer: 'Current answer (version {n})',
    reasonLabel: 'Reason for the correction',
    reasonHint: 'Shown publicly beside the correction.',
    reasonError: 'Give the reason for the correction (up to 2,000 characters).',
    submit: 'Publish the correction',
    correctedFlash: "The corrected answer is published and e-mailed to the remark's author.",
    outcomeReviewOpen: "The outcome waits for the public council's review: until the chair closes it or its period ends ({time}).",
    outcomeFindings: '{n} answer(s) the council found formal still need a corrected answer before the outcome.',
    backToQueue: 'Back to the remarks queue',
  },
};
