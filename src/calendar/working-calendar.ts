import Holidays from 'date-holidays';
import { type Catalogue, inEveryLocale, texts } from '../common/i18n/catalogue';
import { LOCALES, type Locale, type Localized } from '../common/i18n/locale';

/**
 * The working-day calendar of Kazakhstan (domain.md, "The working-day calendar").
 *
 * Pure and deterministic: a date's answer depends only on the date, the bundled `date-holidays`
 * data and the administrator's overrides given to the constructor. Dates are local calendar dates
 * as `YYYY-MM-DD` strings; nothing here knows about time zones or instants.
 *
 * How a date is classified, strongest rule first:
 * 1. an administrator override (government transfers such as "Saturday 2027-xx-xx is a working
 *    day", "Monday ... is a day off", and corrections, e.g. a Kurban Ait date announced
 *    differently from the astronomical computation);
 * 2. a public holiday (`date-holidays`, country KZ, type `public`, substitute entries ignored);
 * 3. a substitute day off computed here by the Labor Code rule (see `computeSubstitutes`);
 * 4. Saturday and Sunday;
 * 5. otherwise an ordinary working day.
 */

export interface CalendarOverrideInput {
  /** YYYY-MM-DD */
  date: string;
  working: boolean;
  reason: string;
}

export type CalendarDayKind = 'working' | 'weekend' | 'holiday' | 'substitute' | 'override';

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  working: boolean;
  /** Why the day is what it is; null for an ordinary working day. */
  reason: Localized | null;
  kind: CalendarDayKind;
}

/** A public holiday as taken from `date-holidays` (after the corrections below). */
export interface PublicHoliday {
  date: string;
  name: Localized;
  /**
   * Orthodox Christmas and Kurban Ait: the Labor Code does not move a weekend day that coincides
   * with them.
   */
  religious: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** How far the calendar looks for a working day before it gives up (a misconfiguration guard). */
const MAX_SEARCH_DAYS = 3660;

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

function assertIsoDate(value: string, what = 'date'): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got "${String(value)}"`);
}

function toUtcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `n` calendar days (n may be negative or zero). */
export function addCalendarDays(date: string, n: number): string {
  assertIsoDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number, got ${n}`);
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** ISO weekday: 1 = Monday ... 6 = Saturday, 7 = Sunday. */
export function isoWeekday(date: string): number {
  assertIsoDate(date);
  const d = new Date(toUtcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** "Day off moved from Saturday, 21 March (Nauryz holiday)", in the three languages. */
function substituteReason(original: string, substitute: string, holiday: Localized): Localized {
  const saturday = isoWeekday(original) === 6;
  const day = Number(original.slice(8, 10));
  const month = Number(original.slice(5, 7)) - 1;
  // The year is only named when the day off moves into the next year.
  const year = original.slice(0, 4) === substitute.slice(0, 4) ? null : original.slice(0, 4);
  return inEveryLocale((t, locale) =>
    t.calendar.substituteReason({ saturday, day, month: t.calendar.months[month], year, holiday: holiday[locale] }),
  );
}

/** Which of the library's names to take for each language, best first. */
const LOCALE_FALLBACK = new Map<Locale, Locale[]>([
  ['kk', ['kk', 'ru', 'en']],
  ['ru', ['ru', 'kk', 'en']],
  ['en', ['en', 'ru', 'kk']],
]);

/**
 * Names we word differently from `date-holidays` 3.37 (keyed by the library's rule; the words are in
 * the catalogue): its Kazakh name of Orthodox Christmas is the Russian text, and its English names
 * "Nauryz" and "Eid al-Adha" are not what the holidays are called in Kazakhstan.
 */
const NAME_REFINEMENTS: Array<{ rule: (rule: string) => boolean; name: keyof Catalogue['calendar']['holidayNames'] }> = [
  { rule: (r) => r === '01-07', name: 'orthodoxChristmas' },
  { rule: (r) => r.startsWith('03-21') || r.startsWith('03-22') || r.startsWith('03-23'), name: 'nauryz' },
  { rule: (r) => r.includes('Dhu al-Hijjah'), name: 'kurbanAit' },
];

/** Our wording of a holiday's name in each language where it differs from the library's. */
function refinedName(rule: string): Partial<Localized> {
  const name: Partial<Localized> = {};
  for (const refinement of NAME_REFINEMENTS.filter((r) => r.rule(rule))) {
    for (const locale of LOCALES) {
      const refined = texts(locale).calendar.holidayNames[refinement.name];
      if (refined !== null) name[locale] = refined;
    }
  }
  return name;
}

/**
 * Dates that `date-holidays` 3.37 lists as holidays but that were not days off.
 * Constitution Day moves from 30 August to 15 March, the day the new Constitution was adopted by
 * referendum (15 March 2026; in force from 1 July 2026). The library already keeps it on 15 March
 * 2026 (a Sunday, which it then "substitutes" with Monday 16 March 2026), but the holiday is first
 * kept in 2027: 2026 has no Constitution Day at all. Sources: the amended holidays law as cited
 * by python-holidays (vacanza/holidays PR #3690, adilet.zan.kz Z010000267 history) and press
 * reports on the transitional provisions. An administrator override can still correct any date.
 */
const LIBRARY_FALSE_HOLIDAYS = new Set(['2026-03-15']);

function isReligiousRule(rule: string): boolean {
  return rule === '01-07' || rule.includes('Dhu al-Hijjah');
}

interface LibraryHoliday {
  date: string;
  name: string;
  type: string;
  rule: string;
  substitute?: boolean;
}

/**
 * The public holidays of one year, with names in kk/ru/en. Several holidays on one date (e.g.
 * Kurban Ait on a Nauryz day) are merged into one entry with both names.
 */
function loadPublicHolidays(lib: Holidays, year: number): PublicHoliday[] {
  const perLocale = {} as Record<Locale, LibraryHoliday[]>;
  for (const locale of LOCALES) {
    perLocale[locale] = (lib.getHolidays(year, locale) as LibraryHoliday[]).filter((h) => h.type === 'public' && !h.substitute);
  }
  const byDate = new Map<string, PublicHoliday>();
  perLocale.en.forEach((entry, index) => {
    // The library's date reads "YYYY-MM-DD hh:mm:ss [zone]"; the Islamic holiday carries an odd
    // zone ("-0600") because it starts at the previous sunset; its calendar date is what counts.
    const date = entry.date.slice(0, 10);
    if (LIBRARY_FALSE_HOLIDAYS.has(date)) return;
    const raw: Partial<Localized> = {};
    for (const locale of LOCALES) {
      const same = perLocale[locale][index];
      raw[locale] = same && same.rule === entry.rule && same.date === entry.date ? same.name?.trim() || undefined : undefined;
    }
    Object.assign(raw, refinedName(entry.rule));
    const name = {} as Localized;
    for (const locale of LOCALES) {
      name[locale] =
        LOCALE_FALLBACK.get(locale)!
          .map((l) => raw[l])
          .find((n) => !!n) ?? entry.name;
    }
    const religious = isReligiousRule(entry.rule);
    const existing = byDate.get(date);
    if (existing) {
      for (const locale of LOCALES) {
        if (!existing.name[locale].split('; ').includes(name[locale])) existing.name[locale] += `; ${name[locale]}`;
      }
      existing.religious = existing.religious && religious;
    } else {
      byDate.set(date, { date, name, religious });
    }
  });
  const list = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const h of list) {
    Object.freeze(h.name);
    Object.freeze(h);
  }
  return Object.freeze(list) as PublicHoliday[];
}

interface Substitute {
  date: string;
  /** The weekend date of the holiday that was moved. */
  from: string;
  holiday: PublicHoliday;
}

/**
 * The Labor Code of Kazakhstan (art. 85): when a day off (Saturday, Sunday) coincides with a
 * public holiday, the day off moves to the next working day after the holiday, except for the
 * religious holidays (Orthodox Christmas, Kurban Ait), which are not moved.
 *
 * We compute this ourselves instead of using the library's "(substitute day)" entries, whose
 * per-date rules ("if saturday then next monday, if sunday then next tuesday") ignore the
 * neighbouring holidays: for Nauryz 2026 (Sat 21, Sun 22, Mon 23) the library puts a substitute on
 * 23 March, itself a Nauryz day, and so yields 21-24 March instead of the real 21-25; for 2027
 * (Sun 21) it again lands on 23 March and loses the day off on the 24th.
 *
 * Holidays are handled in date order; each moved day goes to the first date after its holiday that
 * is neither a weekend, nor a holiday, nor already taken by an earlier moved day. Overrides are
 * not consulted: the statutory rule works on the plain calendar and the government's transfer
 * decrees are entered as overrides on top of it. Two holidays on the same weekday give no extra
 * day (the rule covers weekend days only).
 */
function computeSubstitutes(holidays: readonly PublicHoliday[]): Substitute[] {
  const holidayDates = new Set(holidays.map((h) => h.date));
  const taken = new Set<string>();
  const result: Substitute[] = [];
  for (const holiday of holidays) {
    if (holiday.religious || !isWeekend(holiday.date)) continue;
    let candidate = addCalendarDays(holiday.date, 1);
    while (isWeekend(candidate) || holidayDates.has(candidate) || taken.has(candidate)) {
      candidate = addCalendarDays(candidate, 1);
    }
    taken.add(candidate);
    result.push({ date: candidate, from: holiday.date, holiday });
  }
  return result;
}

function freezeDay(day: CalendarDay): CalendarDay {
  if (day.reason) Object.freeze(day.reason);
  return Object.freeze(day);
}

export class WorkingCalendar {
  private readonly overrides = new Map<string, CalendarOverrideInput>();
  private readonly holidaysByYear = new Map<number, readonly PublicHoliday[]>();
  private readonly daysByYear = new Map<number, Map<string, CalendarDay>>();
  private lib: Holidays | null = null;

  /** Later entries for the same date win (the database keeps one per date anyway). */
  constructor(overrides: CalendarOverrideInput[] = []) {
    for (const o of overrides) {
      assertIsoDate(o.date, 'override date');
      if (typeof o.working !== 'boolean') throw new TypeError(`override ${o.date}: working must be true or false`);
      this.overrides.set(o.date, { date: o.date, working: o.working, reason: String(o.reason ?? '') });
    }
  }

  /** The public holidays of a year (without substitutes and overrides); a frozen, cached list. */
  publicHolidays(year: number): readonly PublicHoliday[] {
    assertYear(year);
    let list = this.holidaysByYear.get(year);
    if (!list) {
      this.lib ??= new Holidays('KZ', { types: ['public'] });
      list = loadPublicHolidays(this.lib, year);
      this.holidaysByYear.set(year, list);
    }
    return list;
  }

  /** The day and why it is (not) a working day. */
  day(date: string): CalendarDay {
    assertIsoDate(date);
    const day = this.daysOf(Number(date.slice(0, 4))).get(date);
    /* istanbul ignore next: every date of the year is in the map */
    if (!day) throw new Error(`no calendar entry for ${date}`);
    return day;
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /** The n-th working day strictly after `date` (n >= 1). `date` itself need not be working. */
  addWorkingDays(date: string, n: number): string {
    assertIsoDate(date);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number >= 1, got ${n}`);
    let current = date;
    let left = n;
    for (let steps = 0; steps < MAX_SEARCH_DAYS + n * 7; steps++) {
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current) && --left === 0) return current;
    }
    throw new Error(`no ${n} working days found after ${date}; check the calendar overrides`);
  }

  /** `date` if it is a working day, otherwise the first working day after it. */
  nextWorkingDayOnOrAfter(date: string): string {
    assertIsoDate(date);
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date` (e.g. for "a reminder the working day before"). */
  previousWorkingDayBefore(date: string): string {
    assertIsoDate(date);
    let current = date;
    for (let steps = 0; steps < MAX_SEARCH_DAYS; steps++) {
      current = addCalendarDays(current, -1);
      if (this.isWorkingDay(current)) return current;
    }
    throw new Error(`no working day found before ${date}; check the calendar overrides`);
  }

  /** Every date of the year, 1 January to 31 December. */
  year(year: number): CalendarDay[] {
    return [...this.daysOf(year).values()];
  }

  private daysOf(year: number): Map<string, CalendarDay> {
    assertYear(year);
    const cached = this.daysByYear.get(year);
    if (cached) return cached;

    const holidays = new Map(this.publicHolidays(year).map((h) => [h.date, h]));
    // Substitutes are computed over the neighbouring years too, so that a day off moved across
    // New Year (and the days it takes) is the same whichever year is asked for first.
    const window = [year - 1, year, year + 1].filter((y) => y >= MIN_YEAR && y <= MAX_YEAR);
    const substitutes = new Map(
      computeSubstitutes(window.flatMap((y) => this.publicHolidays(y)))
        .filter((s) => s.date.startsWith(`${year}-`))
        .map((s) => [s.date, s]),
    );

    const days = new Map<string, CalendarDay>();
    const last = `${year}-12-31`;
    for (let date = `${year}-01-01`; ; date = addCalendarDays(date, 1)) {
      days.set(date, freezeDay(this.classify(date, holidays, substitutes)));
      if (date === last) break;
    }
    this.daysByYear.set(year, days);
    return days;
  }

  private classify(date: string, holidays: Map<string, PublicHoliday>, substitutes: Map<string, Substitute>): CalendarDay {
    const override = this.overrides.get(date);
    if (override) {
      const text = override.reason.trim();
      // a generic reason only when the override was saved without one
      const reason = inEveryLocale(text ? () => text : (t) => (override.working ? t.calendar.overrideWorking : t.calendar.overrideDayOff));
      return { date, working: override.working, reason, kind: 'override' };
    }
    const holiday = holidays.get(date);
    if (holiday) return { date, working: false, reason: { ...holiday.name }, kind: 'holiday' };
    const substitute = substitutes.get(date);
    if (substitute) {
      return { date, working: false, reason: substituteReason(substitute.from, date, substitute.holiday.name), kind: 'substitute' };
    }
    const weekday = isoWeekday(date);
    if (weekday === 6) return { date, working: false, reason: inEveryLocale((t) => t.calendar.saturday), kind: 'weekend' };
    if (weekday === 7) return { date, working: false, reason: inEveryLocale((t) => t.calendar.sunday), kind: 'weekend' };
    return { date, working: true, reason: null, kind: 'working' };
  }
}

/** The range in which the library's astronomical (Islamic) computations are trusted. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`);
  }
}
