import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { CalendarOverride } from './calendar-override.entity';
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
 */
@Injectable()
export class CalendarService {
  private cached: { calendar: WorkingCalendar; loadedAt: number } | null = null;

  constructor(@InjectRepository(CalendarOverride) private readonly overrides: Repository<CalendarOverride>) {}

  async calendar(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.loadedAt < CACHE_MS) return this.cached.calendar;
    const rows = await this.overrides.find({ order: { date: 'ASC' } });
    const calendar = new WorkingCalendar(rows.map((r) => ({ date: r.date, working: r.working, reason: r.reason })));
    this.cached = { calendar, loadedAt: Date.now() };
    return calendar;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** The administrator makes a date a working day or a day off (a transfer or a correction); returns the day as it now is. */
  async setOverride(date: string, working: boolean, reason: string, userId: string): Promise<CalendarDay> {
    const day = overrideDate(date);
    await this.overrides.upsert({ date: day, working, reason: reason.trim(), updatedBy: userId }, ['date']);
    this.invalidate();
    return (await this.calendar()).day(day);
  }

  /** Removes an override, so the date follows the law again; NOT_FOUND when there was none. */
  async removeOverride(date: string): Promise<CalendarDay> {
    const day = overrideDate(date);
    const result = await this.overrides.delete({ date: day });
    this.invalidate();
    if (!result.affected) throw new AppError('NOT_FOUND');
    return (await this.calendar()).day(day);
  }
}
