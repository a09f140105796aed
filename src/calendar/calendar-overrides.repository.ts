import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarOverride } from './calendar-override.entity';

/** Every statement on the calendar_overrides table. */
@Injectable()
export class CalendarOverridesRepository {
  constructor(private readonly db: DataSource) {}

  listByDate(): Promise<CalendarOverride[]> {
    return this.db.getRepository(CalendarOverride).find({ order: { date: 'ASC' } });
  }

  async upsert(override: Pick<CalendarOverride, 'date' | 'working' | 'reason' | 'updatedBy'>): Promise<void> {
    await this.db.getRepository(CalendarOverride).upsert(override, ['date']);
  }

  /** Whether there was an override to remove. */
  async delete(date: string): Promise<boolean> {
    const result = await this.db.getRepository(CalendarOverride).delete({ date });
    return !!result.affected;
  }
}
