/** English texts of the "documentation" section; ru and kk are typed by this object. */
export const documentation = {
  stage2OpenEmail: {
    subject: (p: { planTitle: string }) => `Stage 2 is open: ${p.planTitle}`,
    text: (p: { closeDate: string }) =>
      `The organizer has published the procurement notice and documentation. Remarks on their compliance with the law are accepted until the end of ${p.closeDate}.`,
  },
  noticeCorrectedEmail: {
    subject: (p: { planTitle: string }) => `Corrected notice: ${p.planTitle}`,
    text: 'The organizer has published a correction of the procurement notice and documentation. The earlier version stays public.',
    reasonHeading: 'Reason for the correction',
  },
  translations: {
    tooManyDocuments: 'documents: the notice has fewer documents than given',
    noReason: 'correctionReason: this version of the notice is not a correction',
    formTitle: 'Translations of the notice',
    intro:
      'Add the languages a document title or the reason for the correction still lacks. A translation is not a correction: no new version, nobody is e-mailed. A version already published stays as it is.',
    reasonLegend: 'Reason for the correction',
    button: 'Add the translations',
    flash: 'The translations are added to the notice.',
  },
};
