import { DateTime } from 'luxon';
import { inEveryLocale } from '../common/i18n/catalogue';
import type { Localized } from '../common/i18n/locale';
import type { ProcedureConfig } from '../config/config';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { addCalendarDays, isIsoDate } from '../calendar/working-calendar';

/**
 * The procedure's deadlines (domain.md, "The procedure, step by step"), as pure functions.
 *
 * Every date is the local calendar date (`YYYY-MM-DD`) in the organizer's IANA time zone; every
 * "closes at the end of day X" is 23:59:59.999 local time of X, an inclusive bound: an event at
 * exactly that instant is in time, one millisecond later is not.
 */

export interface TimeWindow {
  opensAt: Date;
  /** Inclusive: the last accepted instant. */
  closesAt: Date;
  /** The local date whose end is `closesAt`. */
  closeDate: string;
}

export interface HearingDateOption {
  date: string;
  allowed: boolean;
  /** Why the date is refused; null when it is allowed. */
  reason: Localized | null;
}

export interface HearingDateOptions {
  /** First allowed calendar date: the day after stage 1 closes. */
  from: string;
  /** Last allowed calendar date: close date + hearingMaxDaysAfterClose. */
  to: string;
  dates: HearingDateOption[];
}

export type HearingStartCheck = { ok: true; localDate: string } | { ok: false; reason: Localized };

function zoned(instant: Date, tz: string): DateTime {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('instant must be a valid Date');
  const dt = DateTime.fromJSDate(instant, { zone: tz });
  if (!dt.isValid) throw new RangeError(`unknown time zone "${tz}"`);
  return dt;
}

function localDay(date: string, tz: string): DateTime {
  if (!isIsoDate(date)) throw new RangeError(`date must be a calendar date YYYY-MM-DD, got "${String(date)}"`);
  const dt = DateTime.fromISO(date, { zone: tz });
  if (!dt.isValid) throw new RangeError(`unknown time zone "${tz}"`);
  return dt;
}

/**
 * The local days already met per time zone, as the instants each spans (its 00:00:00.000 to its
 * 23:59:59.999, from luxon once per date), and the zone's offset at the last one: an instant's day is
 * then found by guessing its date from that offset and checking the guess and its neighbours against
 * their spans. luxon's zone conversion cost more than the rest of the deadline arithmetic: the submission
 * asks for today's date, a remark page for the date of each answer on it.
 */
const localDays = new Map<string, { spans: Map<string, { first: number; last: number }>; offset: number }>();
/** A zone's remembered days are forgotten beyond this many (about 27 years of dates). */
const MAX_LOCAL_DAYS_PER_ZONE = 10_000;

function knownLocalDate(t: number, zone: { spans: Map<string, { first: number; last: number }>; offset: number }): string | null {
  const guess = new Date(t + zone.offset).toISOString().slice(0, 10);
  const span = zone.spans.get(guess);
  if (span && t >= span.first && t <= span.last) return guess;
  // the offset of another season or zone rule: the day before or after
  for (const date of [addCalendarDays(guess, -1), addCalendarDays(guess, 1)]) {
    const near = zone.spans.get(date);
    if (near && t >= near.first && t <= near.last) return date;
  }
  return null;
}

/** The local calendar date of an instant in a time zone. */
export function localDate(instant: Date, tz: string): string {
  const t = instant instanceof Date ? instant.getTime() : NaN;
  let zone = localDays.get(tz);
  if (zone && Number.isFinite(t)) {
    const known = knownLocalDate(t, zone);
    if (known !== null) return known;
  }
  const date = zoned(instant, tz).toISODate()!;
  const first = startOfLocalDay(date, tz).getTime();
  if (!zone) localDays.set(tz, (zone = { spans: new Map(), offset: 0 }));
  if (zone.spans.size >= MAX_LOCAL_DAYS_PER_ZONE) zone.spans.clear();
  zone.spans.set(date, { first, last: endOfLocalDay(date, tz).getTime() });
  zone.offset = Date.parse(`${date}T00:00:00Z`) - first;
  return date;
}

/** 00:00:00.000 local time of the date. */
export function startOfLocalDay(date: string, tz: string): Date {
  return localDay(date, tz).startOf('day').toJSDate();
}

/** 23:59:59.999 local time of the date: the inclusive end of "day X". */
export function endOfLocalDay(date: string, tz: string): Date {
  return localDay(date, tz).endOf('day').toJSDate();
}

/**
 * Stage 1: opens at publication; the last day is D + stage1Days calendar days (D = local
 * publication date), moved to the next working day when it is not one and
 * stage1ExtendToWorkingDay is on; closes at the end of that day.
 */
export function stage1Window(publishedAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): TimeWindow {
  let closeDate = addCalendarDays(localDate(publishedAt, tz), cfg.stage1Days);
  if (cfg.stage1ExtendToWorkingDay) closeDate = cal.nextWorkingDayOnOrAfter(closeDate);
  return { opensAt: new Date(publishedAt.getTime()), closesAt: endOfLocalDay(closeDate, tz), closeDate };
}

/** True from opensAt to closesAt, both inclusive. */
export function isWindowOpen(now: Date, opensAt: Date, closesAt: Date): boolean {
  const t = now.getTime();
  return t >= opensAt.getTime() && t <= closesAt.getTime();
}

/**
 * Deadlines already computed, per calendar (a WorkingCalendar never changes once built; a reloaded
 * calendar is a new object with a fresh cache): the end of the n-th working day after a local date in
 * a zone. Every remark of a day shares its answer deadline, every answer of a day its verdict window;
 * walking the working days with luxon was a tenth of a remark submission's CPU and most of a remark
 * page's.
 */
const workingDayEnds = new WeakMap<WorkingCalendar, Map<string, number>>();

/** The end (23:59:59.999 local time) of the n-th working day after `day`, in `tz`. */
function endOfWorkingDaysAfter(day: string, n: number, tz: string, cal: WorkingCalendar): Date {
  let cache = workingDayEnds.get(cal);
  if (!cache) workingDayEnds.set(cal, (cache = new Map<string, number>()));
  const key = `${tz} ${day} ${n}`;
  let end = cache.get(key);
  if (end === undefined) {
    end = endOfLocalDay(cal.addWorkingDays(day, n), tz).getTime();
    cache.set(key, end);
  }
  return new Date(end);
}

/** An answer to a remark: the end of the answerDueWorkingDays-th working day after the remark's local date. */
export function answerDueAt(remarkAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  return endOfWorkingDaysAfter(localDate(remarkAt, tz), cfg.answerDueWorkingDays, tz, cal);
}

/** The last calendar date a hearing may be held on: closeDate + hearingMaxDaysAfterClose. */
export function hearingDeadlineDate(closeDate: string, cfg: ProcedureConfig): string {
  return addCalendarDays(closeDate, cfg.hearingMaxDaysAfterClose);
}

/** Every date from close + 1 to close + hearingMaxDaysAfterClose, and whether a hearing may be held on it. */
export function hearingDateOptions(closeDate: string, cal: WorkingCalendar, cfg: ProcedureConfig): HearingDateOptions {
  const from = addCalendarDays(closeDate, 1);
  const to = hearingDeadlineDate(closeDate, cfg);
  const dates: HearingDateOption[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) {
    const day = cal.day(date);
    dates.push({ date, allowed: day.working, reason: day.working ? null : day.reason });
  }
  return { from, to, dates };
}

/** "HH:MM" -> minutes after midnight. */
function minutesOf(hhmm: string, name: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`${name} must be a time like 09:00, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * May a hearing start at this instant? The local date must be within [close + 1, close + N],
 * a working day, and the local start time within working hours.
 *
 * Working hours are the half-open interval [hearingDayStart, hearingDayEnd): a hearing has to
 * start while the working day is running, so with the defaults 09:00 is the first allowed start
 * and 17:59 (up to 17:59:59.999) the last; a start at exactly 18:00 is refused, because at 18:00
 * the working day is already over.
 */
export function checkHearingStart(
  startsAt: Date,
  closeDate: string,
  tz: string,
  cal: WorkingCalendar,
  cfg: ProcedureConfig,
): HearingStartCheck {
  const local = zoned(startsAt, tz);
  const date = local.toISODate()!;
  const first = addCalendarDays(closeDate, 1);
  const last = hearingDeadlineDate(closeDate, cfg);
  const limit = cfg.hearingMaxDaysAfterClose;
  if (date < first) {
    return { ok: false, reason: inEveryLocale((t) => t.procedure.hearingStart.beforeStage1Closes({ closeDate, first })) };
  }
  if (date > last) {
    return { ok: false, reason: inEveryLocale((t) => t.procedure.hearingStart.afterLimit({ limit, last })) };
  }
  const day = cal.day(date);
  if (!day.working) return { ok: false, reason: day.reason! };

  const start = minutesOf(cfg.hearingDayStart, 'hearingDayStart');
  const end = minutesOf(cfg.hearingDayEnd, 'hearingDayEnd');
  const minute = local.hour * 60 + local.minute; // seconds and milliseconds cannot cross a boundary
  if (minute < start || minute >= end) {
    const hours = `${cfg.hearingDayStart}-${cfg.hearingDayEnd}`;
    return { ok: false, reason: inEveryLocale((t) => t.procedure.hearingStart.outsideHours({ hours, start: local.toFormat('HH:mm') })) };
  }
  return { ok: true, localDate: date };
}

/** The protocol: the end of the protocolDueWorkingDays-th working day after the hearing's local date. */
export function protocolDueAt(hearingLocalDate: string, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  return endOfLocalDay(cal.addWorkingDays(hearingLocalDate, cfg.protocolDueWorkingDays), tz);
}

/** The council review: the end of the reviewWorkingDays-th working day after the protocol's local date. */
export function reviewClosesAt(protocolPublishedAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  return endOfLocalDay(cal.addWorkingDays(localDate(protocolPublishedAt, tz), cfg.reviewWorkingDays), tz);
}

/**
 * The organizer's response to a council recommendation: the same day of the month
 * recommendationResponseMonths later (31 January + 1 month = 28 or 29 February), moved to the
 * next working day when it is not one; the end of that day.
 */
export function recommendationResponseDueAt(recommendationAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  const from = localDate(recommendationAt, tz);
  // Luxon clamps to the last day of a shorter month.
  const due = DateTime.fromISO(from, { zone: 'UTC' }).plus({ months: cfg.recommendationResponseMonths }).toISODate()!;
  return endOfLocalDay(cal.nextWorkingDayOnOrAfter(due), tz);
}

/**
 * Stage 2: opens at the notice's publication (remarks are accepted at once); the stage2WorkingDays
 * working days are counted from the day after the notice's local date; closes at the end of the
 * last of them.
 */
export function stage2Window(noticePublishedAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): TimeWindow {
  const closeDate = cal.addWorkingDays(localDate(noticePublishedAt, tz), cfg.stage2WorkingDays);
  return { opensAt: new Date(noticePublishedAt.getTime()), closesAt: endOfLocalDay(closeDate, tz), closeDate };
}

/** Answers to stage 2 remarks: the end of the stage2AnswerDueWorkingDays-th working day after stage 2 closes. */
export function stage2AnswerDueAt(stage2CloseDate: string, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  return endOfWorkingDaysAfter(stage2CloseDate, cfg.stage2AnswerDueWorkingDays, tz, cal);
}

/**
 * The remark author's verdict on one answer version (reasoned or formal): open from the version's
 * publication to the end of the verdictWorkingDays-th working day after its local date.
 */
export function verdictClosesAt(answerPublishedAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  return endOfWorkingDaysAfter(localDate(answerPublishedAt, tz), cfg.verdictWorkingDays, tz, cal);
}

/**
 * The author's confirmation or dispute of a commitment, outside stage 2: until the end of the
 * commitmentVerdictWorkingDays-th working day after the local date of the commitment's latest version.
 */
export function commitmentVerdictClosesAt(commitmentPublishedAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  return endOfWorkingDaysAfter(localDate(commitmentPublishedAt, tz), cfg.commitmentVerdictWorkingDays, tz, cal);
}

/**
 * May the author confirm or dispute a commitment now? While stage 2 is open (from the notice to
 * the end of its last day), and from the commitment's latest version to the end of its own window.
 */
export function isCommitmentVerdictOpen(
  now: Date,
  stage2: { opensAt: Date; closesAt: Date } | null,
  latestVersionAt: Date,
  tz: string,
  cal: WorkingCalendar,
  cfg: ProcedureConfig,
): boolean {
  if (stage2 && isWindowOpen(now, stage2.opensAt, stage2.closesAt)) return true;
  return isWindowOpen(now, latestVersionAt, commitmentVerdictClosesAt(latestVersionAt, tz, cal, cfg));
}

/**
 * The author's appeal of a hidden remark: from the decision to hide it to the end of the
 * appealWorkingDays-th working day after its local date (counted like stage 2).
 */
export function appealClosesAt(hiddenAt: Date, tz: string, cal: WorkingCalendar, cfg: ProcedureConfig): Date {
  return endOfLocalDay(cal.addWorkingDays(localDate(hiddenAt, tz), cfg.appealWorkingDays), tz);
}

/**
 * A remark restored after it was hidden is due again, its period counted from the restoration: 15
 * working days for a stage-1 remark, stage2AnswerDueWorkingDays for a stage-2 one. Never earlier than
 * the deadline it had, which the organizer could rely on; and a remark that was already overdue when it
 * was hidden keeps its deadline (hiding it must not wipe out the lateness).
 */
export function restoredAnswerDueAt(
  remark: { stage: 1 | 2; answerDueAt: Date; hiddenAt: Date },
  restoredAt: Date,
  tz: string,
  cal: WorkingCalendar,
  cfg: ProcedureConfig,
): Date {
  if (remark.hiddenAt.getTime() > remark.answerDueAt.getTime()) return new Date(remark.answerDueAt.getTime());
  const fromRestoration =
    remark.stage === 1
      ? answerDueAt(restoredAt, tz, cal, cfg)
      : endOfLocalDay(cal.addWorkingDays(localDate(restoredAt, tz), cfg.stage2AnswerDueWorkingDays), tz);
  return fromRestoration.getTime() > remark.answerDueAt.getTime() ? fromRestoration : new Date(remark.answerDueAt.getTime());
}
