/** English texts of the "procedure" section; ru and kk are typed by this object. */
export const procedure = {
  /** Why a hearing cannot start at a given time (procedure/deadlines.ts, checkHearingStart). */
  hearingStart: {
    beforeStage1Closes: (p: { closeDate: string; first: string }) =>
      `before the end of stage one (stage one closes at the end of ${p.closeDate}; first allowed date ${p.first})`,
    afterLimit: (p: { limit: number; last: string }) => `after the ${p.limit}-day limit (last allowed date ${p.last})`,
    outsideHours: (p: { hours: string; start: string }) => `outside working hours ${p.hours} (start time ${p.start})`,
  },
};
