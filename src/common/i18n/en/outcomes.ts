/** English texts of the "outcomes" section; ru and kk are typed by this object. */
export const outcomes = {
  /** The organizer's decision as e-mails name it. */
  decision: {
    proceed: 'proceed with the procurement',
    amend: 'amend the plan or documentation',
    cancel: 'cancel the procurement',
  },
  outcomeEmail: {
    subject: (p: { planTitle: string }) => `Outcome of the discussion: ${p.planTitle}`,
    text: (p: { decision: string }) =>
      `The discussion is closed. The organizer's decision: ${p.decision}. The report shows how every remark and recommendation was taken into account.`,
    summaryHeading: 'Summary',
  },
  outcomeCorrectedEmail: {
    subject: (p: { planTitle: string }) => `Corrected outcome: ${p.planTitle}`,
    text: (p: { decision: string }) =>
      `The organizer has corrected the outcome; the earlier version stays public. The decision now: ${p.decision}.`,
    reasonHeading: 'Reason for the correction',
  },
  translations: {
    noReason: 'correctionReason: this version of the outcome is not a correction',
    formTitle: 'Translations of the outcome',
    intro:
      'Add the languages the summary or the reason for the correction still lacks. A translation is not a correction: no new version, nobody is e-mailed. A version already published stays as it is.',
    reasonLegend: 'Reason for the correction',
    button: 'Add the translations',
    flash: 'The translations are added to the outcome.',
  },
};
