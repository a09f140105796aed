/** Titles of the milestones and documents in the OCDS releases (open-data/ocds), given in every language. */
export const openData = {
  ocds: {
    publisher: 'talqylau: public discussion of public procurement',
    hearing: 'Public hearing',
    councilReview: "Public council's review of the hearing protocol",
    protocol: 'Protocol of the public hearing',
    notice: 'Procurement notice',
    stage2: 'Public discussion of the procurement documentation',
    outcome: 'Outcome of the public discussion',
    planPage: 'The plan and its public discussion',
  },
};
