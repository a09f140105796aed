import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { ProcedureConfig } from '../config/config';
import { addCalendarDays, WorkingCalendar } from '../calendar/working-calendar';
import {
  answerDueAt,
  appealClosesAt,
  restoredAnswerDueAt,
  checkHearingStart,
  commitmentVerdictClosesAt,
  isCommitmentVerdictOpen,
  verdictClosesAt,
  endOfLocalDay,
  hearingDateOptions,
  hearingDeadlineDate,
  isWindowOpen,
  localDate,
  protocolDueAt,
  recommendationResponseDueAt,
  reviewClosesAt,
  stage1Window,
  stage2AnswerDueAt,
  stage2Window,
  startOfLocalDay,
} from './deadlines';

const cfg: ProcedureConfig = {
  stage1Days: 20,
  stage1ExtendToWorkingDay: true,
  answerDueWorkingDays: 15,
  hearingMaxDaysAfterClose: 10,
  hearingDayStart: '09:00',
  hearingDayEnd: '18:00',
  protocolDueWorkingDays: 3,
  reviewWorkingDays: 10,
  recommendationResponseMonths: 1,
  stage2WorkingDays: 5,
  stage2AnswerDueWorkingDays: 5,
  verdictWorkingDays: 10,
  commitmentVerdictWorkingDays: 5,
  appealWorkingDays: 5,
};

const ALMATY = 'Asia/Almaty'; // UTC+5 since 1 March 2024 (UTC+6 before)
const AQTOBE = 'Asia/Aqtobe'; // UTC+5
const MOSCOW = 'Europe/Moscow'; // UTC+3

const cal = new WorkingCalendar([]);

/** An instant written in Almaty local time (UTC+5 from 2024). */
const almaty = (local: string) => new Date(`${local}+05:00`);
/** The end of a day in Almaty, i.e. 23:59:59.999+05:00. */
const almatyEnd = (date: string) => new Date(`${date}T23:59:59.999+05:00`);

const SUNDAY = { kk: 'Жексенбі', ru: 'Воскресенье', en: 'Sunday' };
const SATURDAY = { kk: 'Сенбі', ru: 'Суббота', en: 'Saturday' };
const NAURYZ = { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz holiday' };
const WOMENS_DAY = { kk: 'Халықаралық әйелдер күні', ru: 'Международный женский день', en: "International Women's Day" };

describe('local dates and days in a time zone', () => {
  it.each([
    ['23:30 in Almaty is still that date', '2026-03-01T18:30:00Z', ALMATY, '2026-03-01'],
    ['00:30 in Almaty is the next date', '2026-03-01T19:30:00Z', ALMATY, '2026-03-02'],
    ['the same instant is 22:30 of the previous date in Moscow', '2026-03-01T19:30:00Z', MOSCOW, '2026-03-01'],
    ['Aqtobe is UTC+5 like Almaty now', '2026-03-01T19:30:00Z', AQTOBE, '2026-03-02'],
    ['in 2023 Almaty was UTC+6: 00:30 on the 2nd there', '2023-06-01T18:30:00Z', ALMATY, '2023-06-02'],
    ['... while Aqtobe (UTC+5) was at 23:30 on the 1st', '2023-06-01T18:30:00Z', AQTOBE, '2023-06-01'],
  ])('localDate: %s', (_label, iso, tz, expected) => {
    expect(localDate(new Date(iso), tz)).toBe(expected);
  });

  it.each([
    [ALMATY, '2026-03-25T19:00:00.000Z', '2026-03-26T18:59:59.999Z'],
    [AQTOBE, '2026-03-25T19:00:00.000Z', '2026-03-26T18:59:59.999Z'],
    [MOSCOW, '2026-03-25T21:00:00.000Z', '2026-03-26T20:59:59.999Z'],
  ])('start and end of 2026-03-26 in %s', (tz, start, end) => {
    expect(startOfLocalDay('2026-03-26', tz).toISOString()).toBe(start);
    expect(endOfLocalDay('2026-03-26', tz).toISOString()).toBe(end);
  });

  it('a day with a clock change has 23 hours (Europe/Berlin, 29 March 2026)', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });

  it('localDate agrees with a fresh zone conversion for any sequence of instants (it remembers the last day per zone)', () => {
    const zones = [ALMATY, AQTOBE, 'Europe/Berlin', 'America/Sao_Paulo', 'Pacific/Apia', 'America/St_Johns'];
    // instants near local midnights and clock changes as well as anywhere in 2015-2030
    const around = fc.constantFrom(
      '2026-03-28T23:00:00Z',
      '2026-03-29T21:59:59.999Z',
      '2018-11-04T02:59:59.999Z',
      '2018-11-04T03:00:00Z',
      '2024-03-01T19:00:00Z',
      '2011-12-30T10:00:00Z',
    );
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 11, 31) }),
      fc.tuple(around, fc.integer({ min: -3 * 3600_000, max: 3 * 3600_000 })).map(([iso, offset]) => Date.parse(iso) + offset),
      fc.tuple(around, fc.integer({ min: -2, max: 2 })).map(([iso, offset]) => Date.parse(iso) + offset),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { minLength: 1, maxLength: 30 }), (calls) => {
        for (const [t, tz] of calls) {
          expect(localDate(new Date(t), tz)).toBe(DateTime.fromMillis(t, { zone: tz }).toISODate());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the remembered deadlines agree with a fresh walk of the working days for any sequence of instants, zones and calendars', () => {
    const zones = [ALMATY, AQTOBE, 'Europe/Berlin', 'America/Sao_Paulo'];
    const calendars = [cal, new WorkingCalendar([])];
    const fresh = (t: number, tz: string, c: WorkingCalendar, n: number) =>
      endOfLocalDay(c.addWorkingDays(DateTime.fromMillis(t, { zone: tz }).toISODate()!, n), tz).getTime();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }),
            fc.constantFrom(...zones),
            fc.constantFrom(0, 1),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (calls) => {
          for (const [t, tz, which] of calls) {
            const c = calendars[which];
            expect(verdictClosesAt(new Date(t), tz, c, cfg).getTime()).toBe(fresh(t, tz, c, cfg.verdictWorkingDays));
            expect(answerDueAt(new Date(t), tz, c, cfg).getTime()).toBe(fresh(t, tz, c, cfg.answerDueWorkingDays));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses unknown zones, invalid instants and invalid dates', () => {
    expect(() => localDate(new Date(), 'Asia/Nowhere')).toThrow(RangeError);
    expect(() => endOfLocalDay('2026-03-26', 'Asia/Nowhere')).toThrow(RangeError);
    expect(() => localDate(new Date('nonsense'), ALMATY)).toThrow(RangeError);
    expect(() => endOfLocalDay('2026-02-30', ALMATY)).toThrow(RangeError);
  });
});

describe('stage1Window', () => {
  it.each([
    ['an ordinary working 20th day (Wednesday)', '2026-02-05T10:00:00', '2026-02-25'],
    ['20th day on Friday before the Nauryz long weekend: Friday is a working day, closes Friday', '2026-02-28T10:00:00', '2026-03-20'],
    ['20th day on a Saturday: extends to Monday', '2026-01-18T10:00:00', '2026-02-09'],
    ['20th day on a Saturday, Monday a substitute day off (1 May 2027): extends to Tuesday', '2027-04-11T10:00:00', '2027-05-04'],
    ['20th day Sunday 22 March 2026 (Nauryz): 23 Nauryz, 24-25 substitutes, closes Thursday 26', '2026-03-02T10:00:00', '2026-03-26'],
    ['20th day Saturday 20 March 2027, then Nauryz 21-23 and the substitute 24: closes 25', '2027-02-28T10:00:00', '2027-03-25'],
    ['20th day on 31 December (Thursday): closes 31 December', '2026-12-11T10:00:00', '2026-12-31'],
    ['20th day on 1 January 2027: New Year 1-2, Sunday 3, substitute Monday 4, closes Tuesday 5', '2026-12-12T10:00:00', '2027-01-05'],
    ['20th day on Independence Day 16 December 2026 (Wednesday): closes Thursday 17', '2026-11-26T10:00:00', '2026-12-17'],
    ['publication at 23:30 local counts from that date', '2026-02-05T23:30:00', '2026-02-25'],
    ['publication at 00:00 local counts from the new date', '2026-02-06T00:00:00', '2026-02-26'],
  ])('%s', (_label, publishedLocal, closeDate) => {
    const publishedAt = almaty(publishedLocal);
    const window = stage1Window(publishedAt, ALMATY, cal, cfg);
    expect(window).toEqual({ opensAt: publishedAt, closesAt: almatyEnd(closeDate), closeDate });
    expect(window.opensAt).not.toBe(publishedAt); // a copy, not the caller's object
  });

  it('without extension the window closes on the 20th day even if it is a day off', () => {
    const window = stage1Window(almaty('2026-01-18T10:00:00'), ALMATY, cal, { ...cfg, stage1ExtendToWorkingDay: false });
    expect(window.closeDate).toBe('2026-02-07');
    expect(window.closesAt).toEqual(almatyEnd('2026-02-07'));
  });

  it("honours the configured number of days (30: Saturday 7 March, Monday 9 a substitute for Women's Day, closes Tuesday 10)", () => {
    expect(stage1Window(almaty('2026-02-05T10:00:00'), ALMATY, cal, { ...cfg, stage1Days: 30 }).closeDate).toBe('2026-03-10');
  });

  it('honours a transfer: a Saturday made working ends the window there; a weekday made a day off extends it', () => {
    const transfer = new WorkingCalendar([
      { date: '2026-02-07', working: true, reason: 'Working Saturday' },
      { date: '2026-02-25', working: false, reason: 'Day off (transfer)' },
    ]);
    expect(stage1Window(almaty('2026-01-18T10:00:00'), ALMATY, transfer, cfg).closeDate).toBe('2026-02-07');
    expect(stage1Window(almaty('2026-02-05T10:00:00'), ALMATY, transfer, cfg).closeDate).toBe('2026-02-26');
  });

  it('time zones: the same instant is a different publication date, so a different window', () => {
    const instant = new Date('2026-02-05T19:30:00Z'); // 00:30 on 6 Feb in Almaty and Aqtobe, 22:30 on 5 Feb in Moscow
    expect(stage1Window(instant, ALMATY, cal, cfg).closeDate).toBe('2026-02-26');
    expect(stage1Window(instant, AQTOBE, cal, cfg).closeDate).toBe('2026-02-26');
    const moscow = stage1Window(instant, MOSCOW, cal, cfg);
    expect(moscow.closeDate).toBe('2026-02-25');
    expect(moscow.closesAt.toISOString()).toBe('2026-02-25T20:59:59.999Z');
  });
});

describe('isWindowOpen', () => {
  const { opensAt, closesAt } = stage1Window(almaty('2026-03-02T10:00:00'), ALMATY, cal, cfg);

  it.each([
    ['one millisecond before publication', new Date(opensAt.getTime() - 1), false],
    ['at publication', opensAt, true],
    ['during Nauryz', almaty('2026-03-24T12:00:00'), true],
    ['at 23:59:59.999 of the last day', almaty('2026-03-26T23:59:59.999'), true],
    ['one millisecond later', almaty('2026-03-27T00:00:00.000'), false],
  ])('%s: %s', (_label, now, open) => {
    expect(isWindowOpen(now, opensAt, closesAt)).toBe(open);
  });

  it('the last instant is the end of the local day', () => {
    expect(closesAt.toISOString()).toBe('2026-03-26T18:59:59.999Z');
  });
});

describe('answerDueAt (15 working days after the remark)', () => {
  it.each([
    ['across Nauryz 2026', '2026-03-10T12:00:00', '2026-04-03'],
    ['a remark at 23:59 local counts from that date', '2026-03-10T23:59:00', '2026-04-03'],
    ['a remark on a Saturday counts from Monday', '2026-02-07T12:00:00', '2026-02-27'],
    ['across New Year and Christmas', '2026-12-24T12:00:00', '2027-01-19'],
  ])('%s', (_label, remarkLocal, dueDate) => {
    expect(answerDueAt(almaty(remarkLocal), ALMATY, cal, cfg)).toEqual(almatyEnd(dueDate));
  });

  it('the zone decides the remark date', () => {
    const instant = new Date('2026-03-09T19:30:00Z'); // 00:30 on 10 March in Almaty; 22:30 on 9 March in Moscow
    expect(answerDueAt(instant, ALMATY, cal, cfg)).toEqual(almatyEnd('2026-04-03'));
    expect(answerDueAt(instant, MOSCOW, cal, cfg).toISOString()).toBe('2026-04-02T20:59:59.999Z');
  });
});

describe('hearingDeadlineDate', () => {
  it.each([
    ['2027-03-04', '2027-03-14'],
    ['2026-12-28', '2027-01-07'],
    ['2028-02-25', '2028-03-06'],
  ])('close %s -> last allowed date %s', (close, last) => {
    expect(hearingDeadlineDate(close, cfg)).toBe(last);
  });
});

describe('hearingDateOptions', () => {
  it('lists close+1 .. close+10 with the reason of every refused date (before Nauryz 2026)', () => {
    const options = hearingDateOptions('2026-03-13', cal, cfg);
    expect(options.from).toBe('2026-03-14');
    expect(options.to).toBe('2026-03-23');
    expect(options.dates).toEqual([
      { date: '2026-03-14', allowed: false, reason: SATURDAY },
      { date: '2026-03-15', allowed: false, reason: SUNDAY },
      { date: '2026-03-16', allowed: true, reason: null },
      { date: '2026-03-17', allowed: true, reason: null },
      { date: '2026-03-18', allowed: true, reason: null },
      { date: '2026-03-19', allowed: true, reason: null },
      { date: '2026-03-20', allowed: true, reason: null },
      { date: '2026-03-21', allowed: false, reason: NAURYZ },
      { date: '2026-03-22', allowed: false, reason: NAURYZ },
      { date: '2026-03-23', allowed: false, reason: NAURYZ },
    ]);
  });

  it('shows substitute days with the day off they replace', () => {
    const options = hearingDateOptions('2026-03-17', cal, cfg);
    expect(options.dates.filter((d) => d.allowed).map((d) => d.date)).toEqual([
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
      '2026-03-26',
      '2026-03-27',
    ]);
    expect(options.dates.find((d) => d.date === '2026-03-24')?.reason?.en).toBe('Day off moved from Saturday, 21 March (Nauryz holiday)');
  });

  it('across New Year: December 31 is allowed, 1-4 January are not, Christmas is not', () => {
    const options = hearingDateOptions('2026-12-28', cal, cfg);
    expect(options.dates.map((d) => `${d.date} ${d.allowed ? 'ok' : d.reason?.en}`)).toEqual([
      '2026-12-29 ok',
      '2026-12-30 ok',
      '2026-12-31 ok',
      "2027-01-01 New Year's Day",
      "2027-01-02 New Year's Day",
      '2027-01-03 Sunday',
      "2027-01-04 Day off moved from Saturday, 2 January (New Year's Day)",
      '2027-01-05 ok',
      '2027-01-06 ok',
      '2027-01-07 Orthodox Christmas',
    ]);
  });

  it('honours a transfer: the working Saturday is allowed, the weekday off is refused with its reason', () => {
    const transfer = new WorkingCalendar([
      { date: '2026-03-14', working: true, reason: 'Рабочая суббота' },
      { date: '2026-03-16', working: false, reason: 'Выходной по переносу' },
    ]);
    const dates = hearingDateOptions('2026-03-13', transfer, cfg).dates;
    expect(dates[0]).toEqual({ date: '2026-03-14', allowed: true, reason: null });
    expect(dates[2]).toEqual({
      date: '2026-03-16',
      allowed: false,
      reason: { kk: 'Выходной по переносу', ru: 'Выходной по переносу', en: 'Выходной по переносу' },
    });
  });

  it('honours the configured limit', () => {
    const options = hearingDateOptions('2026-03-13', cal, { ...cfg, hearingMaxDaysAfterClose: 3 });
    expect(options.to).toBe('2026-03-16');
    expect(options.dates).toHaveLength(3);
  });
});

describe('checkHearingStart', () => {
  // Stage 1 closed at the end of Thursday 4 March 2027; hearings may be held 5-14 March.
  const close = '2027-03-04';
  const check = (local: string, tz = ALMATY, calendar = cal) => checkHearingStart(almaty(local), close, tz, calendar, cfg);

  it.each([
    ['08:59 refused', '2027-03-09T08:59:00', false],
    ['08:59:59.999 refused', '2027-03-09T08:59:59.999', false],
    ['09:00 allowed', '2027-03-09T09:00:00', true],
    ['12:30 allowed', '2027-03-09T12:30:00', true],
    ['17:59 allowed (the last start within working hours)', '2027-03-09T17:59:00', true],
    ['17:59:59.999 allowed', '2027-03-09T17:59:59.999', true],
    ['18:00 refused (the working day is over)', '2027-03-09T18:00:00', false],
    ['00:00 refused', '2027-03-09T00:00:00', false],
  ])('start time: %s', (_label, local, ok) => {
    const result = check(local);
    expect(result.ok).toBe(ok);
    if (ok) expect(result).toEqual({ ok: true, localDate: '2027-03-09' });
  });

  it('explains a start outside working hours', () => {
    expect(check('2027-03-09T18:00:00')).toEqual({
      ok: false,
      reason: {
        kk: 'жұмыс уақытынан тыс 09:00-18:00 (басталу уақыты 18:00)',
        ru: 'вне рабочего времени 09:00-18:00 (время начала 18:00)',
        en: 'outside working hours 09:00-18:00 (start time 18:00)',
      },
    });
  });

  it('refuses the close date itself: before the end of stage one', () => {
    expect(check('2027-03-04T10:00:00')).toEqual({
      ok: false,
      reason: {
        kk: 'бірінші кезең аяқталғанға дейін (бірінші кезең 2027-03-04 күнінің соңында жабылады; ең ерте рұқсат етілген күн 2027-03-05)',
        ru: 'до окончания первого этапа (первый этап закрывается в конце дня 2027-03-04; самая ранняя допустимая дата 2027-03-05)',
        en: 'before the end of stage one (stage one closes at the end of 2027-03-04; first allowed date 2027-03-05)',
      },
    });
  });

  it('accepts the first day after the close', () => {
    expect(check('2027-03-05T09:00:00')).toEqual({ ok: true, localDate: '2027-03-05' });
  });

  it('refuses a date after the 10-day limit', () => {
    expect(check('2027-03-15T10:00:00')).toEqual({
      ok: false,
      reason: {
        kk: '10 күндік шектен кейін (соңғы рұқсат етілген күн 2027-03-14)',
        ru: 'после истечения 10-дневного срока (последняя допустимая дата 2027-03-14)',
        en: 'after the 10-day limit (last allowed date 2027-03-14)',
      },
    });
  });

  it.each([
    ['Sunday', '2027-03-07T10:00:00', SUNDAY],
    ['Saturday', '2027-03-13T10:00:00', SATURDAY],
    ["Women's Day", '2027-03-08T10:00:00', WOMENS_DAY],
  ])('refuses a day off with its reason: %s', (_label, local, reason) => {
    expect(check(local)).toEqual({ ok: false, reason });
  });

  it('refuses Nauryz and substitute days', () => {
    const r1 = checkHearingStart(almaty('2026-03-23T10:00:00'), '2026-03-13', ALMATY, cal, cfg);
    expect(r1).toEqual({ ok: false, reason: NAURYZ });
    const r2 = checkHearingStart(almaty('2026-03-24T10:00:00'), '2026-03-17', ALMATY, cal, cfg);
    expect(r2.ok === false && r2.reason.en).toBe('Day off moved from Saturday, 21 March (Nauryz holiday)');
  });

  it('honours a transfer: a working Saturday is allowed, a weekday made a day off is refused', () => {
    const transfer = new WorkingCalendar([
      { date: '2027-03-06', working: true, reason: 'Working Saturday' },
      { date: '2027-03-09', working: false, reason: 'Day off by transfer' },
    ]);
    expect(check('2027-03-06T10:00:00', ALMATY, transfer)).toEqual({ ok: true, localDate: '2027-03-06' });
    expect(check('2027-03-09T10:00:00', ALMATY, transfer)).toEqual({
      ok: false,
      reason: { kk: 'Day off by transfer', ru: 'Day off by transfer', en: 'Day off by transfer' },
    });
  });

  it('judges date and hours in the given zone', () => {
    const instant = new Date('2027-03-09T04:30:00Z'); // 09:30 in Almaty and Aqtobe, 07:30 in Moscow
    expect(checkHearingStart(instant, close, ALMATY, cal, cfg)).toEqual({ ok: true, localDate: '2027-03-09' });
    expect(checkHearingStart(instant, close, AQTOBE, cal, cfg)).toEqual({ ok: true, localDate: '2027-03-09' });
    const moscow = checkHearingStart(instant, close, MOSCOW, cal, cfg);
    expect(moscow.ok === false && moscow.reason.en).toBe('outside working hours 09:00-18:00 (start time 07:30)');
    const late = new Date('2027-03-05T13:30:00Z'); // 18:30 on Friday in Almaty, 16:30 in Moscow
    expect(checkHearingStart(late, close, ALMATY, cal, cfg).ok).toBe(false);
    expect(checkHearingStart(late, close, MOSCOW, cal, cfg)).toEqual({ ok: true, localDate: '2027-03-05' });
    const midnight = new Date('2027-03-14T20:30:00Z'); // 01:30 on 15 March in Almaty (after the limit); 23:30 on Sunday 14 March in Moscow
    expect(checkHearingStart(midnight, close, ALMATY, cal, cfg)).toMatchObject({
      ok: false,
      reason: { en: 'after the 10-day limit (last allowed date 2027-03-14)' },
    });
    expect(checkHearingStart(midnight, close, MOSCOW, cal, cfg)).toEqual({ ok: false, reason: SUNDAY });
  });

  it('honours configured hours', () => {
    const custom = { ...cfg, hearingDayStart: '10:00', hearingDayEnd: '17:00' };
    expect(checkHearingStart(almaty('2027-03-09T09:30:00'), close, ALMATY, cal, custom).ok).toBe(false);
    expect(checkHearingStart(almaty('2027-03-09T16:59:00'), close, ALMATY, cal, custom).ok).toBe(true);
    expect(checkHearingStart(almaty('2027-03-09T17:00:00'), close, ALMATY, cal, custom)).toMatchObject({
      ok: false,
      reason: { en: 'outside working hours 10:00-17:00 (start time 17:00)' },
    });
  });

  it('agrees with hearingDateOptions on every date of the range, at 10:00', () => {
    for (const closeDate of ['2026-03-13', '2026-12-28', '2027-03-04', '2027-04-26']) {
      for (const option of hearingDateOptions(closeDate, cal, cfg).dates) {
        const result = checkHearingStart(almaty(`${option.date}T10:00:00`), closeDate, ALMATY, cal, cfg);
        expect(result.ok).toBe(option.allowed);
        if (!result.ok) expect(result.reason).toEqual(option.reason);
      }
    }
  });
});

describe('protocolDueAt (3 working days after the hearing)', () => {
  it.each([
    ['an ordinary week', '2026-02-09', '2026-02-12'],
    ['a Friday hearing', '2026-02-13', '2026-02-18'],
    ['across Nauryz 2026', '2026-03-19', '2026-03-27'],
    ['across Independence Day', '2026-12-14', '2026-12-18'],
    ['across New Year', '2026-12-30', '2027-01-06'],
  ])('%s: hearing %s -> end of %s', (_label, hearing, due) => {
    expect(protocolDueAt(hearing, ALMATY, cal, cfg)).toEqual(almatyEnd(due));
  });

  it('ends the day in the given zone', () => {
    expect(protocolDueAt('2026-02-09', MOSCOW, cal, cfg).toISOString()).toBe('2026-02-12T20:59:59.999Z');
  });
});

describe('reviewClosesAt (10 working days after the protocol)', () => {
  it.each([
    ['across Independence Day', '2026-12-10T15:00:00', '2026-12-25'],
    ['across New Year and Christmas', '2026-12-24T15:00:00', '2027-01-12'],
    ['across Constitution Day and Nauryz 2027', '2027-03-12T15:00:00', '2027-04-01'],
  ])('%s', (_label, publishedLocal, closes) => {
    expect(reviewClosesAt(almaty(publishedLocal), ALMATY, cal, cfg)).toEqual(almatyEnd(closes));
  });
});

describe('recommendationResponseDueAt (one month, next working day)', () => {
  it.each([
    ['same day of the next month', '2026-04-15T12:00:00', '2026-05-15'],
    ['31 January -> 28 February 2026 (Saturday) -> Monday 2 March', '2026-01-31T12:00:00', '2026-03-02'],
    ['31 January 2028 -> 29 February (leap year, Tuesday)', '2028-01-31T12:00:00', '2028-02-29'],
    ['23 February 2026 -> 23 March (Nauryz) -> 24, 25 substitutes -> Thursday 26', '2026-02-23T12:00:00', '2026-03-26'],
    ['16 November 2026 -> 16 December (Independence Day) -> 17', '2026-11-16T12:00:00', '2026-12-17'],
    ['1 December 2026 -> 1 January 2027 -> Tuesday 5 January', '2026-12-01T12:00:00', '2027-01-05'],
  ])('%s', (_label, atLocal, due) => {
    expect(recommendationResponseDueAt(almaty(atLocal), ALMATY, cal, cfg)).toEqual(almatyEnd(due));
  });

  it('honours the configured number of months', () => {
    // 31 December 2026 + 2 months = 28 February 2027 (Sunday) -> Monday 1 March.
    expect(recommendationResponseDueAt(almaty('2026-12-31T12:00:00'), ALMATY, cal, { ...cfg, recommendationResponseMonths: 2 })).toEqual(
      almatyEnd('2027-03-01'),
    );
  });

  it('the zone decides the starting date', () => {
    const instant = new Date('2026-02-27T20:00:00Z'); // 01:00 on Saturday 28 Feb in Almaty, 23:00 on Friday 27 Feb in Moscow
    // Almaty: 28 March (Saturday) -> Monday 30 March. Moscow: 27 March (Friday).
    expect(recommendationResponseDueAt(instant, ALMATY, cal, cfg)).toEqual(almatyEnd('2026-03-30'));
    expect(recommendationResponseDueAt(instant, MOSCOW, cal, cfg).toISOString()).toBe('2026-03-27T20:59:59.999Z');
  });
});

describe('stage2Window (5 working days from the day after the notice)', () => {
  it.each([
    ['a Thursday notice before Nauryz 2026', '2026-03-19T11:00:00', '2026-03-31'],
    ['a Saturday notice counts from Monday', '2026-02-07T11:00:00', '2026-02-13'],
    ['a Friday notice across Independence Day', '2026-12-11T11:00:00', '2026-12-21'],
    ['a notice on 30 December, across New Year and Christmas', '2026-12-30T11:00:00', '2027-01-11'],
  ])('%s', (_label, publishedLocal, closeDate) => {
    const publishedAt = almaty(publishedLocal);
    expect(stage2Window(publishedAt, ALMATY, cal, cfg)).toEqual({ opensAt: publishedAt, closesAt: almatyEnd(closeDate), closeDate });
  });

  it('is open at once, and until the last millisecond of the 5th working day', () => {
    const publishedAt = almaty('2026-03-19T11:00:00');
    const { opensAt, closesAt } = stage2Window(publishedAt, ALMATY, cal, cfg);
    expect(isWindowOpen(publishedAt, opensAt, closesAt)).toBe(true);
    expect(isWindowOpen(almaty('2026-03-31T23:59:59.999'), opensAt, closesAt)).toBe(true);
    expect(isWindowOpen(almaty('2026-04-01T00:00:00'), opensAt, closesAt)).toBe(false);
  });

  it('honours a transfer', () => {
    const transfer = new WorkingCalendar([
      { date: '2026-02-14', working: true, reason: 'Working Saturday' },
      { date: '2026-02-10', working: false, reason: 'Day off by transfer' },
    ]);
    // Mon 9 (1), Tue 10 off, Wed 11 (2), Thu 12 (3), Fri 13 (4), Sat 14 (5)
    expect(stage2Window(almaty('2026-02-06T11:00:00'), ALMATY, transfer, cfg).closeDate).toBe('2026-02-14');
  });

  it('the zone decides the notice date', () => {
    const instant = new Date('2026-02-05T19:30:00Z'); // 00:30 on Friday 6 Feb in Almaty, 22:30 on Thursday 5 Feb in Moscow
    expect(stage2Window(instant, ALMATY, cal, cfg).closeDate).toBe('2026-02-13');
    expect(stage2Window(instant, MOSCOW, cal, cfg).closeDate).toBe('2026-02-12');
  });
});

describe('stage2AnswerDueAt (5 working days after stage 2 closes)', () => {
  it.each([
    ['an ordinary week', '2026-03-31', '2026-04-07'],
    ['across New Year and Christmas', '2026-12-29', '2027-01-08'],
    ['across Nauryz 2027', '2027-03-19', '2027-03-31'],
  ])('%s: close %s -> end of %s', (_label, close, due) => {
    expect(stage2AnswerDueAt(close, ALMATY, cal, cfg)).toEqual(almatyEnd(due));
  });
});

describe('property: every day of 2025-2028', () => {
  it('stage 1 closes at the end of a working day, the first one on or after D+20', () => {
    for (let date = '2025-01-01'; date <= '2028-12-31'; date = addCalendarDays(date, 1)) {
      const window = stage1Window(almaty(`${date}T12:00:00`), ALMATY, cal, cfg);
      const dayTwenty = addCalendarDays(date, 20);
      const ok =
        cal.isWorkingDay(window.closeDate) &&
        window.closesAt.getTime() === almatyEnd(window.closeDate).getTime() &&
        window.closeDate >= dayTwenty &&
        (window.closeDate === dayTwenty || !cal.isWorkingDay(dayTwenty));
      if (!ok) throw new Error(`stage1Window published ${date}: closes ${window.closeDate}`);
      for (let d = dayTwenty; d < window.closeDate; d = addCalendarDays(d, 1)) {
        if (cal.isWorkingDay(d)) throw new Error(`stage1Window published ${date}: skipped working day ${d}`);
      }
    }
  });

  it('stage 2 and every working-day deadline end on a working day', () => {
    for (let date = '2025-01-01'; date <= '2028-12-31'; date = addCalendarDays(date, 1)) {
      const at = almaty(`${date}T12:00:00`);
      const ends = [
        stage2Window(at, ALMATY, cal, cfg).closesAt,
        answerDueAt(at, ALMATY, cal, cfg),
        reviewClosesAt(at, ALMATY, cal, cfg),
        recommendationResponseDueAt(at, ALMATY, cal, cfg),
        protocolDueAt(date, ALMATY, cal, cfg),
        stage2AnswerDueAt(date, ALMATY, cal, cfg),
      ];
      for (const end of ends) {
        const endDate = localDate(end, ALMATY);
        if (!cal.isWorkingDay(endDate) || end.getTime() !== almatyEnd(endDate).getTime() || endDate <= date) {
          throw new Error(`deadline from ${date} ends ${end.toISOString()}`);
        }
      }
    }
  });
});

describe('verdictClosesAt (10 working days after an answer version, counted like stage 2)', () => {
  it.each([
    ['an ordinary fortnight', '2026-02-02T12:00:00', '2026-02-16'],
    ['across Nauryz 2026 (21-23 March and the substitutes 24-25)', '2026-03-10T12:00:00', '2026-03-27'],
    ['published on the Friday before Nauryz', '2026-03-20T12:00:00', '2026-04-08'],
    ['published on the Nauryz holiday itself: counted from the next day', '2026-03-23T10:00:00', '2026-04-08'],
    ['across 1, 7 and 9 May 2026 (9 May is a Saturday, moved to Monday 11)', '2026-04-30T12:00:00', '2026-05-19'],
    ['published on a Saturday', '2026-02-07T12:00:00', '2026-02-20'],
  ])('%s', (_, published, closeDate) => {
    expect(verdictClosesAt(almaty(published), ALMATY, cal, cfg).toISOString()).toBe(almatyEnd(closeDate).toISOString());
  });

  it('counts from the local date: 23:30 and 00:30 in Almaty are different days', () => {
    expect(verdictClosesAt(new Date('2026-03-19T18:30:00Z'), ALMATY, cal, cfg).toISOString()).toBe(almatyEnd('2026-04-07').toISOString());
    expect(verdictClosesAt(new Date('2026-03-19T19:30:00Z'), ALMATY, cal, cfg).toISOString()).toBe(almatyEnd('2026-04-08').toISOString());
  });

  it('honours a transfer: a weekday made a day off is skipped, a Saturday made a working day counts', () => {
    const transfers = new WorkingCalendar([
      { date: '2026-02-09', working: false, reason: 'Transfer' },
      { date: '2026-02-14', working: true, reason: 'Transfer' },
    ]);
    // from Monday 2 February: 3,4,5,6, (9 off), 10,11,12,13, 14 (Saturday, working), 16 -> the 10th is the 16th
    expect(verdictClosesAt(almaty('2026-02-02T12:00:00'), ALMATY, transfers, cfg).toISOString()).toBe(
      almatyEnd('2026-02-16').toISOString(),
    );
  });

  it('is inclusive to the last millisecond of the last day', () => {
    const closes = verdictClosesAt(almaty('2026-03-10T12:00:00'), ALMATY, cal, cfg);
    expect(isWindowOpen(almaty('2026-03-27T23:59:59.999'), almaty('2026-03-10T12:00:00'), closes)).toBe(true);
    expect(isWindowOpen(almaty('2026-03-28T00:00:00.000'), almaty('2026-03-10T12:00:00'), closes)).toBe(false);
  });

  it('follows the configured number of working days', () => {
    expect(verdictClosesAt(almaty('2026-03-19T12:00:00'), ALMATY, cal, { ...cfg, verdictWorkingDays: 1 }).toISOString()).toBe(
      almatyEnd('2026-03-20').toISOString(),
    );
    expect(verdictClosesAt(almaty('2026-03-20T12:00:00'), ALMATY, cal, { ...cfg, verdictWorkingDays: 1 }).toISOString()).toBe(
      almatyEnd('2026-03-26').toISOString(),
    );
  });

  it('is never before the end of the publication day plus N calendar days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 * 24 }), (hours) => {
        const published = new Date(Date.UTC(2025, 0, 1) + hours * 3_600_000);
        const closes = verdictClosesAt(published, ALMATY, cal, cfg);
        const day = localDate(published, ALMATY);
        return (
          closes.getTime() >= endOfLocalDay(addCalendarDays(day, cfg.verdictWorkingDays), ALMATY).getTime() &&
          cal.day(localDate(closes, ALMATY)).working
        );
      }),
    );
  });
});

describe('commitment verdicts (5 working days after the latest version, or while stage 2 is open)', () => {
  it.each([
    ['an ordinary week', '2026-02-02T12:00:00', '2026-02-09'],
    ['across Nauryz 2026', '2026-03-18T12:00:00', '2026-03-30'],
    ['across 7 and 9 May 2026', '2026-05-06T12:00:00', '2026-05-15'],
  ])('%s', (_, published, closeDate) => {
    expect(commitmentVerdictClosesAt(almaty(published), ALMATY, cal, cfg).toISOString()).toBe(almatyEnd(closeDate).toISOString());
  });

  const stage2 = { opensAt: almaty('2026-03-02T10:00:00'), closesAt: almatyEnd('2026-03-09') };
  it.each([
    ['before the notice and any version', almaty('2026-03-01T12:00:00'), almaty('2026-03-02T10:00:00'), false],
    ['while stage 2 is open', almaty('2026-03-05T12:00:00'), almaty('2026-03-02T10:00:00'), true],
    ['stage 2 closed, the version is older than 5 working days', almaty('2026-03-12T12:00:00'), almaty('2026-03-02T10:00:00'), false],
    ['stage 2 closed, a version from yesterday', almaty('2026-03-12T12:00:00'), almaty('2026-03-11T10:00:00'), true],
    ['the last millisecond of a version window', almaty('2026-03-18T23:59:59.999'), almaty('2026-03-11T10:00:00'), true],
    ['one millisecond later', almaty('2026-03-19T00:00:00.000'), almaty('2026-03-11T10:00:00'), false],
  ])('%s', (_, now, latest, open) => {
    expect(isCommitmentVerdictOpen(now, stage2, latest, ALMATY, cal, cfg)).toBe(open);
  });

  it('without stage 2 only the version window counts', () => {
    expect(isCommitmentVerdictOpen(almaty('2026-02-04T12:00:00'), null, almaty('2026-02-02T12:00:00'), ALMATY, cal, cfg)).toBe(true);
    expect(isCommitmentVerdictOpen(almaty('2026-02-10T00:00:00'), null, almaty('2026-02-02T12:00:00'), ALMATY, cal, cfg)).toBe(false);
  });
});

describe('appealClosesAt (5 working days after the decision to hide, counted like stage 2)', () => {
  it.each([
    ['an ordinary week', '2026-02-02T12:00:00', '2026-02-09'],
    ['hidden on a Friday', '2026-02-06T17:00:00', '2026-02-13'],
    ['hidden on a Saturday: counted from Monday', '2026-02-07T12:00:00', '2026-02-13'],
    ['across Nauryz 2026', '2026-03-18T12:00:00', '2026-03-30'],
    ['across 7 and 9 May 2026', '2026-05-06T12:00:00', '2026-05-15'],
  ])('%s', (_, hidden, closeDate) => {
    expect(appealClosesAt(almaty(hidden), ALMATY, cal, cfg).toISOString()).toBe(almatyEnd(closeDate).toISOString());
  });

  it('counts from the local date of the decision and follows the configured days', () => {
    expect(appealClosesAt(new Date('2026-02-02T18:30:00Z'), ALMATY, cal, cfg).toISOString()).toBe(almatyEnd('2026-02-09').toISOString());
    expect(appealClosesAt(new Date('2026-02-02T19:30:00Z'), ALMATY, cal, cfg).toISOString()).toBe(almatyEnd('2026-02-10').toISOString());
    expect(appealClosesAt(almaty('2026-02-02T12:00:00'), ALMATY, cal, { ...cfg, appealWorkingDays: 1 }).toISOString()).toBe(
      almatyEnd('2026-02-03').toISOString(),
    );
  });

  it('always ends at the end of a working day, at least N calendar days later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 * 24 }), (hours) => {
        const hidden = new Date(Date.UTC(2025, 0, 1) + hours * 3_600_000);
        const closes = appealClosesAt(hidden, ALMATY, cal, cfg);
        const day = localDate(hidden, ALMATY);
        return (
          closes.getTime() >= endOfLocalDay(addCalendarDays(day, cfg.appealWorkingDays), ALMATY).getTime() &&
          closes.getTime() === endOfLocalDay(localDate(closes, ALMATY), ALMATY).getTime() &&
          cal.day(localDate(closes, ALMATY)).working
        );
      }),
    );
  });
});

describe('restoredAnswerDueAt (due again, counted from the restoration, never earlier than before)', () => {
  it('a stage-1 remark: 15 working days from the restoration', () => {
    const remark = { stage: 1 as const, answerDueAt: almatyEnd('2026-02-20'), hiddenAt: almaty('2026-02-05T10:00:00') };
    expect(restoredAnswerDueAt(remark, almaty('2026-02-16T10:00:00'), ALMATY, cal, cfg).toISOString()).toBe(
      answerDueAt(almaty('2026-02-16T10:00:00'), ALMATY, cal, cfg).toISOString(),
    );
    expect(restoredAnswerDueAt(remark, almaty('2026-02-16T10:00:00'), ALMATY, cal, cfg).toISOString()).toBe(
      almatyEnd('2026-03-10').toISOString(),
    ); // 9 March: 8 March moved
  });

  it('a stage-2 remark: 5 working days from the restoration', () => {
    const remark = { stage: 2 as const, answerDueAt: almatyEnd('2026-02-06'), hiddenAt: almaty('2026-02-04T10:00:00') };
    expect(restoredAnswerDueAt(remark, almaty('2026-02-09T10:00:00'), ALMATY, cal, cfg).toISOString()).toBe(
      almatyEnd('2026-02-16').toISOString(),
    );
  });

  it('keeps the earlier deadline when it is later (restored the same day it was hidden, stage 2 still open)', () => {
    const remark = { stage: 2 as const, answerDueAt: almatyEnd('2026-03-02'), hiddenAt: almaty('2026-02-09T09:00:00') };
    expect(restoredAnswerDueAt(remark, almaty('2026-02-09T10:00:00'), ALMATY, cal, cfg).toISOString()).toBe(
      almatyEnd('2026-03-02').toISOString(),
    );
  });

  it('keeps the deadline of a remark that was already overdue when it was hidden: hiding does not wipe out lateness', () => {
    const remark = { stage: 1 as const, answerDueAt: almatyEnd('2026-02-20'), hiddenAt: almaty('2026-02-23T10:00:00') };
    expect(restoredAnswerDueAt(remark, almaty('2026-02-25T10:00:00'), ALMATY, cal, cfg).toISOString()).toBe(
      almatyEnd('2026-02-20').toISOString(),
    );
  });

  it('is never before the deadline the remark had nor before the period from the restoration (hidden before its deadline)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 * 365 * 24 }),
        fc.integer({ min: -40, max: 40 }),
        fc.constantFrom<1 | 2>(1, 2),
        (hours, shiftDays, stage) => {
          const restoredAt = new Date(Date.UTC(2025, 0, 1) + hours * 3_600_000);
          const due = new Date(restoredAt.getTime() + shiftDays * 86_400_000);
          const hiddenAt = new Date(Math.min(restoredAt.getTime(), due.getTime()) - 3_600_000);
          const result = restoredAnswerDueAt({ stage, answerDueAt: due, hiddenAt }, restoredAt, ALMATY, cal, cfg);
          const days = stage === 1 ? cfg.answerDueWorkingDays : cfg.stage2AnswerDueWorkingDays;
          const minimum = endOfLocalDay(addCalendarDays(localDate(restoredAt, ALMATY), days), ALMATY).getTime();
          return result.getTime() >= due.getTime() && result.getTime() >= minimum;
        },
      ),
    );
  });
});
