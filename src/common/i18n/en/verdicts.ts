/** The remark author's verdict on an answer (reasoned or formal): API texts, e-mails and pages. */
export const verdicts = {};
