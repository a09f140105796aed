import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CalendarOverride } from './calendar-override.entity';
import { WorkingCalendar } from './working-calendar';

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
}
