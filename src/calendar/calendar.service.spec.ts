import type { CalendarOverride } from './calendar-override.entity';
import type { CalendarOverridesRepository } from './calendar-overrides.repository';
import { CalendarService } from './calendar.service';

/** A stand-in for the overrides table whose reads can be held open, to make requests overlap. */
class OverridesTable {
  rows: Pick<CalendarOverride, 'date' | 'working' | 'reason'>[] = [];
  reads = 0;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.open();
  }
  async listByDate(): Promise<CalendarOverride[]> {
    this.reads++;
    const snapshot = this.rows.map((r) => ({ ...r }));
    await this.gate;
    return snapshot as CalendarOverride[];
  }
}

describe('CalendarService cache', () => {
  let table: OverridesTable;
  let service: CalendarService;
  let now: number;

  beforeEach(() => {
    table = new OverridesTable();
    service = new CalendarService(table as unknown as CalendarOverridesRepository);
    now = Date.parse('2027-03-01T10:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads the overrides once for all requests waiting at the same time', async () => {
    table.hold();
    const waiting = Array.from({ length: 64 }, () => service.calendar());
    table.release();
    const calendars = await Promise.all(waiting);
    expect(table.reads).toBe(1);
    expect(new Set(calendars).size).toBe(1);
  });

  it('keeps the same calendar for 30 s, then rereads once and keeps the object when nothing changed', async () => {
    const first = await service.calendar();
    now += 29_999;
    expect(await service.calendar()).toBe(first);
    expect(table.reads).toBe(1);
    now += 1;
    const [a, b] = await Promise.all([service.calendar(), service.calendar()]);
    expect(table.reads).toBe(2);
    expect(a).toBe(first);
    expect(b).toBe(first);
  });

  it("sees another instance's change after the cache is due, as a new calendar", async () => {
    const first = await service.calendar();
    expect(first.day('2027-03-09').working).toBe(true); // a Tuesday
    table.rows = [{ date: '2027-03-09', working: false, reason: 'перенос' }];
    expect((await service.calendar()).day('2027-03-09').working).toBe(true);
    now += 30_000;
    const second = await service.calendar();
    expect(second).not.toBe(first);
    expect(second.day('2027-03-09').working).toBe(false);
  });

  it('never keeps what a read begun before invalidate() saw', async () => {
    await service.calendar();
    now += 30_000;
    table.hold();
    const stale = service.calendar(); // reads the table without the change
    table.rows = [{ date: '2027-03-09', working: false, reason: 'перенос' }];
    service.invalidate();
    table.release();
    await stale;
    expect((await service.calendar()).day('2027-03-09').working).toBe(false);
  });
});
