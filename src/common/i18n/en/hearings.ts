/** English texts of the "hearings" section; ru and kk are typed by this object. */
export const hearings = {
  /** HEARING_DATE_NOT_ALLOWED for a start time that has passed. */
  inThePast: 'that time has already passed',
  /** The SUMMARY of the hearing's calendar event, before the plan's title. */
  icsSummary: 'Public hearing',
  email: {
    subjects: {
      scheduled: 'Public hearing scheduled',
      rescheduled: 'Public hearing rescheduled',
      cancelled: 'Public hearing cancelled',
      reminder: 'Reminder: public hearing',
    },
    hello: (p: { name: string }) => `Hello, ${p.name}!`,
    when: 'When',
    where: 'Where',
    room: 'Room',
    stream: 'Livestream',
    reason: 'Reason',
    anyone: 'Anyone may attend the hearing.',
    open: 'Open the plan item',
    protocolPublished: 'Hearing protocol published',
    protocolCorrected: 'Hearing protocol corrected',
    overdueSubject: 'Hearing overdue',
    overdue: (p: { deadline: string }) =>
      `No public hearing was held by the deadline (${p.deadline}); the plan item is now publicly marked overdue.`,
  },
};
