/** English texts of the Atom feed of plans and the calendar of hearings (src/open-data/feeds), and their links on the pages. */
export const feeds = {
  plansTitle: 'Procurement plans under public discussion',
  plansOfTitle: (p: { organization: string }) => `Procurement plans of ${p.organization} under public discussion`,
  plansSubtitle: 'Plan items published for public discussion, newest first',
  hearingsTitle: 'Upcoming public hearings',
  hearingsOfTitle: (p: { organization: string }) => `Upcoming public hearings: ${p.organization}`,
  hearingsDescription: 'Every upcoming in-person public hearing on a procurement plan item, with its time, venue and plan',
  /** The stage-1 window in an entry's summary. */
  stage1Window: (p: { from: string; to: string; zone: string }) => `${p.from} – ${p.to} (${p.zone})`,
  /** The links on the pages. */
  subscribe: 'Subscribe',
  plansLink: 'Plans as an Atom feed',
  hearingsLink: 'Hearings as a calendar (iCalendar)',
  subscribeHint: 'Add the address of a link to a feed reader or a calendar app to follow new plans and hearings.',
};
