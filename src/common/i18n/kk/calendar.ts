import type { calendar as en } from '../en/calendar';

export const calendar: typeof en = {
  saturday: 'Сенбі',
  sunday: 'Жексенбі',
  overrideWorking: 'Жұмыс күні (ауыстыру)',
  overrideDayOff: 'Демалыс күні (ауыстыру)',
  months: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  substituteReason: (p) =>
    `Ауыстырылған демалыс күні: ${p.saturday ? 'сенбі' : 'жексенбі'}, ${p.day} ${p.month}${p.year ? ` ${p.year}` : ''} (${p.holiday})`,
  // The library's Kazakh name of Orthodox Christmas is the Russian text.
  holidayNames: { orthodoxChristmas: 'Православиелік Рождество', nauryz: null, kurbanAit: null },
};
