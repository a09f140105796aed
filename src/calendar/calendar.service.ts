import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { CalendarOverridesRepository } from './calendar-overrides.repository';
import { CalendarDay, isIsoDate, WorkingCalendar } from './working-calendar';

/** A YYYY-MM-DD date of the years the calendar covers (1900-2199), or VALIDATION_FAILED. */
export function overrideDate(date: unknown): string {
  if (!isIsoDate(date)) throw new AppError('VALIDATION_FAILED', { details: 'date: YYYY-MM-DD' });
  const year = Number(date.slice(0, 4));
  if (year < 1900 || year > 2199) throw new AppError('VALIDATION_FAILED', { details: 'date: 1900-2199' });
  return date;
}

/** How long another instance's override change may take to be seen here. */
const CACHE_MS = 30_000;

/**
 * The working calendar with the administrator's overrides from the database, cached in memory
 * (overrides are few and change rarely); a change made through this instance applies at once.
 * When the cache is due, one reload serves every request waiting for it, and a calendar whose
 * overrides did not change is kept as the same object (with its memoized deadlines): before, every
 * 30 s all requests in flight rebuilt it at once, the worst latencies of the submission benchmark.
 */
@Injectable()
export class CalendarService {
  private cached: { calendar: WorkingCalendar; loadedAt: number; overrides: string } | null = null;
  private loading: Promise<WorkingCalendar> | null = null;
  /** Bumped by invalidate(), so that a load begun before a change cannot store what it read. */
  private generation = 0;

  constructor(private readonly overrides: CalendarOverridesRepository) {}

  async calendar(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.loadedAt < CACHE_MS) return this.cached.calendar;
    if (!this.loading) {
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<WorkingCalendar> {
    const generation = this.generation;
    const rows = await this.overrides.listByDate();
    const days = rows.map((r) => ({ date: r.date, working: r.working, reason: r.reason }));
    const overrides = JSON.stringify(days);
    const calendar = this.cached?.overrides === overrides ? this.cached.calendar : new WorkingCalendar(days);
    if (generation === this.generation) this.cached = { calendar, loadedAt: Date.now(), overrides };
    return calendar;
  }

  invalidate(): void {
    this.generation++;
    this.cached = null;
    this.loading = null;
  }

  /** The administrator makes a date a working day or a day off (a transfer or a correction); returns the day as it now is. */
  async setOverride(date: string, working: boolean, reason: string, userId: string): Promise<CalendarDay> {
    const day = overrideDate(date);
    await this.overrides.upsert({ date: day, working, reason: reason.trim(), updatedBy: userId });
    this.invalidate();
    return (await this.calendar()).day(day);
  }

  /** Removes an override, so the date follows the law again; NOT_FOUND when there was none. */
  async removeOverride(date: string): Promise<CalendarDay> {
    const day = overrideDate(date);
    const removed = await this.overrides.delete(day);
    this.invalidate();
    if (!removed) throw new AppError('NOT_FOUND');
    return (await this.calendar()).day(day);
  }
}
