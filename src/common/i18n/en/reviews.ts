/** English texts of the "reviews" section; ru and kk are typed by this object. */
export const reviews = {
  /** The council's conclusion as e-mails name it, by result. */
  result: {
    endorsed: 'endorsed',
    endorsed_with_recommendations: 'endorsed with recommendations',
    objected: 'objected',
    no_majority: 'no majority',
    no_positions: 'no positions recorded',
  },
  /** Shared by the e-mails of the council review, stage 2 and the outcome. */
  email: {
    greeting: (p: { name: string }) => `Hello, ${p.name}!`,
    openDiscussion: 'Open the discussion',
  },
  conclusionEmail: {
    subject: (p: { planTitle: string }) => `Council conclusion: ${p.planTitle}`,
    quorumYes: 'Quorum: yes',
    quorumNo: 'Quorum: no',
    line: (p: { result: string; positionsCount: number; membersCount: number; quorum: string }) =>
      `The public council has published its conclusion on the hearing protocol: ${p.result}. Positions: ${p.positionsCount} of ${p.membersCount} members. ${p.quorum}.`,
  },
  responseEmail: {
    subject: (p: { corrected: boolean; planTitle: string }) =>
      `${p.corrected ? 'Corrected response' : 'Response'} to your recommendation: ${p.planTitle}`,
    accepted: 'The organizer accepted your recommendation.',
    rejected: 'The organizer rejected your recommendation.',
    recommendationHeading: 'Your recommendation',
    responseHeading: 'Response',
  },
};
