/** The council's check of formal answers: positions, conclusion, e-mails and pages. */
export const councilCheck = {};
