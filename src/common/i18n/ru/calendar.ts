import type { calendar as en } from '../en/calendar';

export const calendar: typeof en = {
  saturday: 'Суббота',
  sunday: 'Воскресенье',
  overrideWorking: 'Рабочий день (перенос)',
  overrideDayOff: 'Выходной день (перенос)',
  // Genitive, as in "21 марта".
  months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  substituteReason: (p) =>
    `Выходной день, перенесённый с ${p.saturday ? 'субботы' : 'воскресенья'}, ${p.day} ${p.month}${p.year ? ` ${p.year}` : ''} (${p.holiday})`,
  holidayNames: { orthodoxChristmas: null, nauryz: null, kurbanAit: null },
};
