type HolidayNames = Record<'orthodoxChristmas' | 'nauryz' | 'kurbanAit', string | null>;

/** English texts of the "calendar" section; ru and kk are typed by this object. */
export const calendar = {
  /** Why a weekend day is not a working day. */
  saturday: 'Saturday',
  sunday: 'Sunday',
  /** An administrator's override saved without a reason. */
  overrideWorking: 'Working day (transfer)',
  overrideDayOff: 'Day off (transfer)',
  /** Month names as they follow a day number ("21 March"). */
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  /** A day off moved from a weekend day that was a public holiday; the year only when the day off moves into the next year. */
  substituteReason: (p: { saturday: boolean; day: number; month: string; year: string | null; holiday: string }) =>
    `Day off moved from ${p.saturday ? 'Saturday' : 'Sunday'}, ${p.day} ${p.month}${p.year ? ` ${p.year}` : ''} (${p.holiday})`,
  /** Holiday names worded differently from the date-holidays library (working-calendar.ts); null keeps the library's. */
  holidayNames: { orthodoxChristmas: null, nauryz: 'Nauryz holiday', kurbanAit: 'Kurban Ait' } as HolidayNames,
};
