import Holidays from 'date-holidays';
import type { CalendarDay } from './working-calendar';
import { addCalendarDays, isIsoDate, isoWeekday, WorkingCalendar } from './working-calendar';

const SATURDAY = { kk: 'Сенбі', ru: 'Суббота', en: 'Saturday' };
const SUNDAY = { kk: 'Жексенбі', ru: 'Воскресенье', en: 'Sunday' };
const NAURYZ = { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz holiday' };

/** Every date from `from` to `to`, both inclusive. */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

function nonWorkingWeekdays(cal: WorkingCalendar, year: number): string[] {
  return cal
    .year(year)
    .filter((d) => !d.working && isoWeekday(d.date) <= 5)
    .map((d) => d.date);
}

describe('date helpers', () => {
  it.each([
    ['2026-03-20', 1, '2026-03-21'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-02', 20, '2026-03-22'],
    ['2026-05-05', 0, '2026-05-05'],
  ])('addCalendarDays(%s, %i) = %s', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it('validates dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
    expect(isIsoDate(20260301)).toBe(false);
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-01', 1.5)).toThrow(RangeError);
  });

  it.each([
    ['2026-03-16', 1],
    ['2026-03-21', 6],
    ['2026-03-22', 7],
    ['2027-01-01', 5],
  ])('isoWeekday(%s) = %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });
});

describe('WorkingCalendar.day', () => {
  const cal = new WorkingCalendar([]);

  it('an ordinary weekday is a working day without a reason', () => {
    expect(cal.day('2026-03-17')).toEqual({ date: '2026-03-17', working: true, reason: null, kind: 'working' });
  });

  it('Saturday and Sunday are days off, named in kk/ru/en', () => {
    expect(cal.day('2026-03-14')).toEqual({ date: '2026-03-14', working: false, reason: SATURDAY, kind: 'weekend' });
    expect(cal.day('2026-03-15')).toEqual({ date: '2026-03-15', working: false, reason: SUNDAY, kind: 'weekend' });
  });

  it('a holiday carries its name in kk/ru/en', () => {
    expect(cal.day('2026-12-16')).toEqual({
      date: '2026-12-16',
      working: false,
      reason: { kk: 'Тәуелсіздік күні', ru: 'День независимости', en: 'Independence Day' },
      kind: 'holiday',
    });
    expect(cal.day('2027-01-07').reason).toEqual({ kk: 'Православиелік Рождество', ru: 'Рождество Христово', en: 'Orthodox Christmas' });
    expect(cal.day('2026-05-27').reason).toEqual({ kk: 'Құрбан айт', ru: 'Курбан-айт', en: 'Kurban Ait' });
  });

  it('a holiday on a weekend is reported as the holiday, not as the weekend', () => {
    expect(cal.day('2026-03-21')).toMatchObject({ kind: 'holiday', reason: NAURYZ, working: false });
  });

  it('a substitute day off says which day off it replaces', () => {
    expect(cal.day('2026-03-24')).toEqual({
      date: '2026-03-24',
      working: false,
      kind: 'substitute',
      reason: {
        kk: 'Ауыстырылған демалыс күні: сенбі, 21 наурыз (Наурыз мейрамы)',
        ru: 'Выходной день, перенесённый с субботы, 21 марта (Наурыз мейрамы)',
        en: 'Day off moved from Saturday, 21 March (Nauryz holiday)',
      },
    });
    expect(cal.day('2026-03-25').reason?.en).toBe('Day off moved from Sunday, 22 March (Nauryz holiday)');
    expect(cal.day('2026-03-25').reason?.ru).toBe('Выходной день, перенесённый с воскресенья, 22 марта (Наурыз мейрамы)');
  });

  it('rejects what is not a date', () => {
    expect(() => cal.day('2026-02-30')).toThrow(RangeError);
    expect(() => cal.day('tomorrow')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('')).toThrow(RangeError);
  });

  it('returns the cached, frozen day', () => {
    const day = cal.day('2026-03-24');
    expect(cal.day('2026-03-24')).toBe(day);
    expect(Object.isFrozen(day)).toBe(true);
    expect(Object.isFrozen(day.reason)).toBe(true);
  });
});

describe('public holidays (date-holidays, KZ, public)', () => {
  const cal = new WorkingCalendar([]);

  it.each([
    [
      2024,
      [
        '2024-01-01',
        '2024-01-02',
        '2024-01-07',
        '2024-03-08',
        '2024-03-21',
        '2024-03-22',
        '2024-03-23',
        '2024-05-01',
        '2024-05-07',
        '2024-05-09',
        '2024-06-16',
        '2024-07-06',
        '2024-08-30',
        '2024-10-25',
        '2024-12-16',
      ],
    ],
    [
      2025,
      [
        '2025-01-01',
        '2025-01-02',
        '2025-01-07',
        '2025-03-08',
        '2025-03-21',
        '2025-03-22',
        '2025-03-23',
        '2025-05-01',
        '2025-05-07',
        '2025-05-09',
        '2025-06-06',
        '2025-07-06',
        '2025-08-30',
        '2025-10-25',
        '2025-12-16',
      ],
    ],
    // 2026: Constitution Day is neither on 30 August (the old date) nor on 15 March (the new one,
    // first kept in 2027) — see LIBRARY_FALSE_HOLIDAYS.
    [
      2026,
      [
        '2026-01-01',
        '2026-01-02',
        '2026-01-07',
        '2026-03-08',
        '2026-03-21',
        '2026-03-22',
        '2026-03-23',
        '2026-05-01',
        '2026-05-07',
        '2026-05-09',
        '2026-05-27',
        '2026-07-06',
        '2026-10-25',
        '2026-12-16',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-01-02',
        '2027-01-07',
        '2027-03-08',
        '2027-03-15',
        '2027-03-21',
        '2027-03-22',
        '2027-03-23',
        '2027-05-01',
        '2027-05-07',
        '2027-05-09',
        '2027-05-16',
        '2027-07-06',
        '2027-10-25',
        '2027-12-16',
      ],
    ],
    [
      2028,
      [
        '2028-01-01',
        '2028-01-02',
        '2028-01-07',
        '2028-03-08',
        '2028-03-15',
        '2028-03-21',
        '2028-03-22',
        '2028-03-23',
        '2028-05-01',
        '2028-05-05',
        '2028-05-07',
        '2028-05-09',
        '2028-07-06',
        '2028-10-25',
        '2028-12-16',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(cal.publicHolidays(year).map((h) => h.date)).toEqual(expected);
    expect(
      cal
        .year(year)
        .filter((d) => d.kind === 'holiday')
        .map((d) => d.date),
    ).toEqual(expected);
  });

  it('only Orthodox Christmas and Kurban Ait are religious', () => {
    const religious = cal
      .publicHolidays(2027)
      .filter((h) => h.religious)
      .map((h) => h.date);
    expect(religious).toEqual(['2027-01-07', '2027-05-16']);
  });

  it('every holiday has a name in each of kk, ru and en', () => {
    for (const year of [2024, 2025, 2026, 2027, 2028]) {
      for (const h of cal.publicHolidays(year)) {
        for (const text of [h.name.kk, h.name.ru, h.name.en]) expect(text).toMatch(/\S/);
        expect(h.name.en).not.toMatch(/substitute/i);
      }
    }
  });

  it('Constitution Day 2026: 15 March (referendum day, a Sunday) is an ordinary weekend and 16 March a working day', () => {
    expect(cal.day('2026-03-15')).toMatchObject({ kind: 'weekend', reason: SUNDAY });
    expect(cal.day('2026-03-16')).toMatchObject({ kind: 'working', working: true });
    expect(cal.day('2026-08-31').working).toBe(true);
    expect(cal.day('2027-03-15')).toMatchObject({
      kind: 'holiday',
      reason: { kk: 'Конституция күні', ru: 'День Конституции', en: 'Constitution Day' },
    });
  });

  it('two holidays on one date are merged, with both names (Kurban Ait on Nauryz 2032, by the lunar computation)', () => {
    const day = cal.day('2032-03-22');
    expect(day.kind).toBe('holiday');
    expect(day.reason?.en).toContain('Kurban Ait');
    expect(day.reason?.en).toContain('Nauryz holiday');
    expect(day.reason?.ru).toContain('Курбан-айт');
    expect(day.reason?.ru).toContain('Наурыз мейрамы');
  });
});

describe('substitute days off (Labor Code: a weekend day on a holiday moves to the next working day)', () => {
  const cal = new WorkingCalendar([]);

  /** The days off from `from` to `to` and their kinds, for readable expectations. */
  function stretch(from: string, to: string): string[] {
    return datesBetween(from, to).map((d) => {
      const day: CalendarDay = cal.day(d);
      return `${d} ${day.kind}`;
    });
  }

  it('Nauryz 2026: Sat 21 + Sun 22 on holidays, Mon 23 Nauryz itself; the days off are 21-25 March', () => {
    expect(stretch('2026-03-20', '2026-03-26')).toEqual([
      '2026-03-20 working',
      '2026-03-21 holiday',
      '2026-03-22 holiday',
      '2026-03-23 holiday',
      '2026-03-24 substitute',
      '2026-03-25 substitute',
      '2026-03-26 working',
    ]);
  });

  it('Nauryz 2027: Sun 21 on a holiday, Mon 22 and Tue 23 Nauryz; Wed 24 is the substitute', () => {
    expect(stretch('2027-03-19', '2027-03-25')).toEqual([
      '2027-03-19 working',
      '2027-03-20 weekend',
      '2027-03-21 holiday',
      '2027-03-22 holiday',
      '2027-03-23 holiday',
      '2027-03-24 substitute',
      '2027-03-25 working',
    ]);
    expect(cal.day('2027-03-24').reason?.en).toBe('Day off moved from Sunday, 21 March (Nauryz holiday)');
  });

  it('Nauryz 2025: Fri 21, Sat 22, Sun 23; Mon 24 and Tue 25 are substitutes', () => {
    expect(stretch('2025-03-21', '2025-03-26')).toEqual([
      '2025-03-21 holiday',
      '2025-03-22 holiday',
      '2025-03-23 holiday',
      '2025-03-24 substitute',
      '2025-03-25 substitute',
      '2025-03-26 working',
    ]);
  });

  it('Nauryz 2024: Thu 21, Fri 22, Sat 23; Mon 25 is the substitute', () => {
    expect(stretch('2024-03-21', '2024-03-26')).toEqual([
      '2024-03-21 holiday',
      '2024-03-22 holiday',
      '2024-03-23 holiday',
      '2024-03-24 weekend',
      '2024-03-25 substitute',
      '2024-03-26 working',
    ]);
  });

  it('2027: Unity Day on Saturday 1 May gives Monday 3 May off; Victory Day on Sunday 9 May gives Monday 10 May', () => {
    expect(cal.day('2027-05-03')).toMatchObject({ kind: 'substitute', working: false });
    expect(cal.day('2027-05-03').reason?.en).toBe("Day off moved from Saturday, 1 May (People's Unity Day)");
    expect(cal.day('2027-05-04').working).toBe(true);
    expect(cal.day('2027-05-10')).toMatchObject({ kind: 'substitute' });
  });

  it("2022: Defender's Day on Saturday 7 May skips Victory Day (Mon 9) and lands on Tue 10 May", () => {
    expect(stretch('2022-05-07', '2022-05-11')).toEqual([
      '2022-05-07 holiday',
      '2022-05-08 weekend',
      '2022-05-09 holiday',
      '2022-05-10 substitute',
      '2022-05-11 working',
    ]);
  });

  it('New Year 2028 (Sat 1, Sun 2): Mon 3 and Tue 4 January; New Year 2027 (Fri 1, Sat 2): Mon 4 January', () => {
    expect(stretch('2028-01-01', '2028-01-05')).toEqual([
      '2028-01-01 holiday',
      '2028-01-02 holiday',
      '2028-01-03 substitute',
      '2028-01-04 substitute',
      '2028-01-05 working',
    ]);
    expect(stretch('2027-01-01', '2027-01-05')).toEqual([
      '2027-01-01 holiday',
      '2027-01-02 holiday',
      '2027-01-03 weekend',
      '2027-01-04 substitute',
      '2027-01-05 working',
    ]);
  });

  it('Independence Day on Saturday 16 Dec 2028 gives Mon 18; on Sunday 16 Dec 2029 gives Mon 17 (not Tue 18)', () => {
    expect(cal.day('2028-12-18').kind).toBe('substitute');
    expect(cal.day('2029-12-17').kind).toBe('substitute');
    expect(cal.day('2029-12-18').kind).toBe('working');
  });

  it.each([
    ['Orthodox Christmas on Sunday 7 Jan 2024', '2024-01-08'],
    ['Kurban Ait on Sunday 16 June 2024', '2024-06-17'],
    ['Kurban Ait on Sunday 16 May 2027', '2027-05-17'],
  ])('religious holidays are not moved: %s, the next Monday (%s) is a working day', (_label, monday) => {
    expect(cal.day(monday)).toMatchObject({ kind: 'working', working: true });
  });

  it.each([
    [
      2024,
      [
        '2024-01-01',
        '2024-01-02',
        '2024-03-08',
        '2024-03-21',
        '2024-03-22',
        '2024-03-25',
        '2024-05-01',
        '2024-05-07',
        '2024-05-09',
        '2024-07-08',
        '2024-08-30',
        '2024-10-25',
        '2024-12-16',
      ],
    ],
    [
      2025,
      [
        '2025-01-01',
        '2025-01-02',
        '2025-01-07',
        '2025-03-10',
        '2025-03-21',
        '2025-03-24',
        '2025-03-25',
        '2025-05-01',
        '2025-05-07',
        '2025-05-09',
        '2025-06-06',
        '2025-07-07',
        '2025-09-01',
        '2025-10-27',
        '2025-12-16',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-01-02',
        '2026-01-07',
        '2026-03-09',
        '2026-03-23',
        '2026-03-24',
        '2026-03-25',
        '2026-05-01',
        '2026-05-07',
        '2026-05-11',
        '2026-05-27',
        '2026-07-06',
        '2026-10-26',
        '2026-12-16',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-01-04',
        '2027-01-07',
        '2027-03-08',
        '2027-03-15',
        '2027-03-22',
        '2027-03-23',
        '2027-03-24',
        '2027-05-03',
        '2027-05-07',
        '2027-05-10',
        '2027-07-06',
        '2027-10-25',
        '2027-12-16',
      ],
    ],
    [
      2028,
      [
        '2028-01-03',
        '2028-01-04',
        '2028-01-07',
        '2028-03-08',
        '2028-03-15',
        '2028-03-21',
        '2028-03-22',
        '2028-03-23',
        '2028-05-01',
        '2028-05-05',
        '2028-05-08',
        '2028-05-09',
        '2028-07-06',
        '2028-10-25',
        '2028-12-18',
      ],
    ],
  ])('%i: every weekday off, computed by hand', (year, expected) => {
    expect(nonWorkingWeekdays(cal, year)).toEqual(expected);
  });

  it('a substitute never lands on a weekend or a holiday (2000-2060)', () => {
    for (let year = 2000; year <= 2060; year++) {
      const holidays = new Set(cal.publicHolidays(year).map((h) => h.date));
      for (const day of cal.year(year).filter((d) => d.kind === 'substitute')) {
        expect(isoWeekday(day.date)).toBeLessThanOrEqual(5);
        expect(holidays.has(day.date)).toBe(false);
      }
    }
  });

  it('documents the library data this module corrects (fails when date-holidays changes it: then revisit the corrections)', () => {
    const lib = new Holidays('KZ');
    const librarySubstitutes = (year: number) =>
      lib
        .getHolidays(year, 'en')
        .filter((h) => h.type === 'public' && h.substitute)
        .map((h) => h.date.slice(0, 10));
    // 23 March is Nauryz itself; 25 March is missing; 16 March follows the wrong 15 March holiday.
    expect(librarySubstitutes(2026)).toEqual(['2026-03-09', '2026-03-16', '2026-03-23', '2026-03-24', '2026-05-11', '2026-10-26']);
    expect(librarySubstitutes(2027)).toContain('2027-03-23');
    expect(librarySubstitutes(2029)).toContain('2029-12-18');
    // Ours:
    expect(
      cal
        .year(2026)
        .filter((d) => d.kind === 'substitute')
        .map((d) => d.date),
    ).toEqual(['2026-03-09', '2026-03-24', '2026-03-25', '2026-05-11', '2026-10-26']);
  });
});

describe('overrides (government transfers and corrections)', () => {
  // A hypothetical transfer: Saturday 2026-01-03 is worked so that Monday 2026-01-05 is a day off.
  const cal = new WorkingCalendar([
    { date: '2026-01-03', working: true, reason: 'Рабочая суббота (перенос с 5 января)' },
    { date: '2026-01-05', working: false, reason: 'Выходной (перенос с 3 января)' },
    { date: '2026-03-23', working: true, reason: 'Correction' },
    { date: '2026-03-25', working: true, reason: '' },
  ]);

  it('a Saturday made a working day', () => {
    expect(cal.day('2026-01-03')).toEqual({
      date: '2026-01-03',
      working: true,
      kind: 'override',
      reason: {
        kk: 'Рабочая суббота (перенос с 5 января)',
        ru: 'Рабочая суббота (перенос с 5 января)',
        en: 'Рабочая суббота (перенос с 5 января)',
      },
    });
  });

  it('a weekday made a day off', () => {
    expect(cal.day('2026-01-05')).toMatchObject({ working: false, kind: 'override' });
    expect(cal.day('2026-01-05').reason?.en).toBe('Выходной (перенос с 3 января)');
  });

  it('overrides win over holidays and substitutes; an empty reason gets a generic one', () => {
    expect(cal.day('2026-03-23')).toMatchObject({ working: true, kind: 'override', reason: { en: 'Correction' } });
    expect(cal.day('2026-03-25')).toMatchObject({
      working: true,
      kind: 'override',
      reason: { kk: 'Жұмыс күні (ауыстыру)', ru: 'Рабочий день (перенос)', en: 'Working day (transfer)' },
    });
    expect(new WorkingCalendar([{ date: '2026-03-17', working: false, reason: ' ' }]).day('2026-03-17').reason?.en).toBe(
      'Day off (transfer)',
    );
  });

  it('addWorkingDays and nextWorkingDayOnOrAfter honour both', () => {
    const plain = new WorkingCalendar([]);
    expect(plain.addWorkingDays('2026-01-02', 1)).toBe('2026-01-05');
    expect(cal.addWorkingDays('2026-01-02', 1)).toBe('2026-01-03');
    expect(cal.addWorkingDays('2026-01-03', 1)).toBe('2026-01-06');
    expect(plain.nextWorkingDayOnOrAfter('2026-01-03')).toBe('2026-01-05');
    expect(cal.nextWorkingDayOnOrAfter('2026-01-03')).toBe('2026-01-03');
    expect(cal.nextWorkingDayOnOrAfter('2026-01-04')).toBe('2026-01-06');
  });

  it('substitutes are not recomputed around overrides (the statutory rule works on the plain calendar)', () => {
    expect(cal.day('2026-03-24')).toMatchObject({ kind: 'substitute', working: false });
  });

  it('the last override for a date wins; bad dates are refused', () => {
    const twice = new WorkingCalendar([
      { date: '2026-03-17', working: false, reason: 'first' },
      { date: '2026-03-17', working: true, reason: 'second' },
    ]);
    expect(twice.day('2026-03-17')).toMatchObject({ working: true, reason: { en: 'second' } });
    expect(() => new WorkingCalendar([{ date: '2026-02-30', working: true, reason: 'x' }])).toThrow(RangeError);
  });
});

describe('working-day arithmetic', () => {
  const cal = new WorkingCalendar([]);

  it.each([
    ['an ordinary Monday', '2026-02-09', 1, '2026-02-10'],
    ['Friday over the weekend', '2026-02-13', 1, '2026-02-16'],
    ['from a Saturday (the date itself need not be working)', '2026-02-14', 1, '2026-02-16'],
    ['Friday before Nauryz 2026', '2026-03-20', 1, '2026-03-26'],
    ['over Nauryz 2026, 5 days', '2026-03-19', 5, '2026-03-31'],
    ['over New Year 2027', '2026-12-31', 1, '2027-01-05'],
    ['over New Year and Christmas 2027, 3 days', '2026-12-31', 3, '2027-01-08'],
    ['over Independence Day 2026', '2026-12-15', 1, '2026-12-17'],
    ['15 working days', '2026-03-10', 15, '2026-04-03'],
  ])('addWorkingDays: %s (%s + %i = %s)', (_label, date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  it('addWorkingDays requires n >= 1', () => {
    expect(() => cal.addWorkingDays('2026-03-10', 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-10', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-10', 1.5)).toThrow(RangeError);
  });

  it.each([
    ['2026-03-17', '2026-03-17'],
    ['2026-03-21', '2026-03-26'],
    ['2027-01-01', '2027-01-05'],
    ['2026-12-16', '2026-12-17'],
  ])('nextWorkingDayOnOrAfter(%s) = %s', (date, expected) => {
    expect(cal.nextWorkingDayOnOrAfter(date)).toBe(expected);
  });

  it.each([
    ['2026-03-26', '2026-03-20'],
    ['2027-01-05', '2026-12-31'],
    ['2026-03-17', '2026-03-16'],
  ])('previousWorkingDayBefore(%s) = %s', (date, expected) => {
    expect(cal.previousWorkingDayBefore(date)).toBe(expected);
  });

  it('gives up instead of looping forever when overrides leave no working day', () => {
    const allOff = new WorkingCalendar(datesBetween('2026-01-01', '2036-12-31').map((date) => ({ date, working: false, reason: 'off' })));
    expect(() => allOff.addWorkingDays('2026-01-01', 1)).toThrow(/no 1 working days/);
  });
});

describe('WorkingCalendar.year', () => {
  const cal = new WorkingCalendar([]);

  it.each([
    [2026, 365, 247],
    [2027, 365, 247],
    [2028, 366, 245],
  ])('%i has %i days, %i of them working', (year, days, working) => {
    const list = cal.year(year);
    expect(list).toHaveLength(days);
    expect(list[0].date).toBe(`${year}-01-01`);
    expect(list[list.length - 1].date).toBe(`${year}-12-31`);
    expect(list.filter((d) => d.working)).toHaveLength(working);
    expect(list.map((d) => d.date)).toEqual(datesBetween(`${year}-01-01`, `${year}-12-31`));
  });

  it('is deterministic whatever the order of questions', () => {
    const a = new WorkingCalendar([]);
    const b = new WorkingCalendar([]);
    for (const year of [2027, 2026, 2028]) a.year(year);
    for (const year of [2028, 2026, 2027]) b.year(year);
    for (const year of [2026, 2027, 2028]) expect(a.year(year)).toEqual(b.year(year));
  });

  it('refuses a year out of range', () => {
    expect(() => cal.year(1800)).toThrow(RangeError);
    expect(() => cal.year(2026.5)).toThrow(RangeError);
  });
});

describe('property: addWorkingDays over every day of 2025-2028', () => {
  const cal = new WorkingCalendar([
    { date: '2026-01-03', working: true, reason: 'transfer' },
    { date: '2026-01-05', working: false, reason: 'transfer' },
  ]);

  it('lands on a working day after the date, with exactly n working days in between', () => {
    for (let date = '2025-01-01'; date <= '2028-12-31'; date = addCalendarDays(date, 1)) {
      for (const n of [1, 3, 5, 10, 15]) {
        const result = cal.addWorkingDays(date, n);
        if (!cal.isWorkingDay(result) || result <= date) throw new Error(`addWorkingDays(${date}, ${n}) = ${result}`);
        const working = datesBetween(addCalendarDays(date, 1), result).filter((d) => cal.isWorkingDay(d)).length;
        if (working !== n) throw new Error(`addWorkingDays(${date}, ${n}) = ${result} spans ${working} working days`);
      }
    }
  });
});
