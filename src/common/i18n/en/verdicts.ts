/** The remark author's verdict on an answer (reasoned or formal): API texts, e-mails and pages. */
export const verdicts = {
  /** The two verdicts, as shown beside an answer. */
  words: {
    reasoned: 'reasoned',
    formal: 'formal',
  },
  /** What the author chooses on the form. */
  choices: {
    reasoned: 'Reasoned: the answer deals with my remark on its substance',
    formal: 'Formal: the answer does not deal with my remark on its substance',
  },
  email: {
    invite: (p: { until: string }) =>
      `Did the answer deal with your remark on its substance? You can call it reasoned or formal (with your reason) until ${p.until}, and change your mind until then.`,
    askAgain: (p: { version: number; until: string }) =>
      `The answer has a new version (${p.version}). Please judge it again: call it reasoned or formal (with your reason) until ${p.until}.`,
    notAppeal:
      'Your verdict is published beside the answer. It is your public opinion, not an appeal under the Administrative Procedural Code.',
    discussion: (p: { url: string }) => `The whole discussion: ${p.url}`,
    link: 'Give your verdict on the answer',
  },
  page: {
    title: 'Your verdict on the answer',
    intro:
      'As the author of the remark you may say whether the organizer’s answer deals with it on its substance (reasoned) or only formally (formal). A reason is required for “formal”.',
    notAppeal:
      'Your verdict is published beside the answer on the plan page and counted in the statistics. It is your public opinion, not an appeal or a complaint under the Administrative Procedural Code of the Republic of Kazakhstan: it does not change the procedure’s deadlines.',
    plan: 'Procurement',
    remark: 'Your remark',
    answer: 'The organizer’s answer',
    version: (p: { n: number }) => `version ${p.n}`,
    publishedOn: (p: { time: string }) => `published ${p.time}`,
    legend: 'Is this answer reasoned or formal?',
    reasonLabel: 'Your reason',
    reasonHint: (p: { min: number; max: number }) => `Required for “formal”: ${p.min} to ${p.max} characters. Published with your verdict.`,
    submit: 'Publish my verdict',
    change: 'Change my verdict',
    until: (p: { time: string }) => `You can give or change your verdict until ${p.time}.`,
    closed: (p: { time: string }) => `The time to judge this version of the answer ended ${p.time}.`,
    notAnswered: 'This remark has no answer yet: you can judge it once the organizer publishes one.',
    notYours: 'Only the author of the remark can give a verdict on its answer.',
    current: (p: { verdict: string; time: string }) => `Your verdict: ${p.verdict} (given ${p.time}).`,
    recorded: 'Your verdict is published.',
    backToPlan: 'Back to the discussion',
    chooseVerdict: 'Choose reasoned or formal',
    reasonLength: (p: { min: number; max: number }) => `Write your reason: ${p.min} to ${p.max} characters`,
  },
  /** Beside an answer on the plan page and under "my remarks". */
  shown: {
    heading: 'The author’s verdict',
    verdict: (p: { verdict: string; version: number; time: string }) => `${p.verdict} (version ${p.version}, ${p.time})`,
    none: 'The author has not judged this answer yet.',
    earlier: (p: { version: number; verdict: string }) => `Version ${p.version} was judged ${p.verdict}.`,
    formTitle: 'Your verdict on this answer',
    openForm: 'Give your verdict',
  },
  history: {
    summary: (p: { n: number }) => `Earlier versions of the answer (${p.n})`,
    version: (p: { version: number; time: string }) => `Version ${p.version}, published ${p.time}`,
    reason: 'Reason for the correction',
  },
};
