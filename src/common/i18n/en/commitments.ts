/** Commitments (accepted remarks) in the notice and later versions; the authors' confirmations and disputes: API texts, e-mails and pages. */
export const commitments = {};
