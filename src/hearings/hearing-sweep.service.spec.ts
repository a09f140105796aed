import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { ManualClock } from '../common/clock';
import { LocalizedText } from '../common/i18n/localized-text';
import { loadConfig } from '../config/config';
import type { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import type { OutboxService } from '../notifications/outbox.service';
import type { PlansRepository } from '../plans/plans.repository';
import type { HearingSweepRepository } from './hearing-sweep.repository';
import { HearingSweepService } from './hearing-sweep.service';
import type { HearingsRepository } from './hearings.repository';

const em = {} as EntityManager;
const hearing = {
  id: 'h1',
  planId: 'p1',
  status: 'scheduled',
  startsAt: new Date('2027-03-17T05:00:00Z'),
  endsAt: new Date('2027-03-17T07:00:00Z'),
  localDate: '2027-03-17',
  venue: LocalizedText.of({ kk: 'Алматы, Республика алаңы, 4', ru: 'Алматы, площадь Республики, 4' }),
  room: null,
  livestreamUrl: null,
  cancelReason: null,
};
const plan = {
  id: 'p1',
  title: LocalizedText.of({ kk: 'Кеңсе жиһазы', ru: 'Офисная мебель', en: 'Office furniture' }),
  organizationId: 'o1',
  hearingDeadlineDate: '2027-03-04',
};
const organization = { id: 'o1', councilId: 'c1', timeZone: 'Asia/Almaty', name: LocalizedText.of({ kk: 'Әкімдік', ru: 'Акимат' }) };
const person = { id: 'u1', email: 'u1@example.test', locale: 'en', display_name: 'Dana' };

describe('HearingSweepService', () => {
  let clock: ManualClock;
  let sweeps: Record<keyof HearingSweepRepository, jest.Mock>;
  let outbox: { enqueue: jest.Mock };
  let dispatcher: { kick: jest.Mock };
  let service: HearingSweepService;

  beforeEach(() => {
    clock = new ManualClock(new Date('2027-03-16T04:00:00Z')); // Tuesday 09:00 in Almaty, the working day before
    sweeps = {
      reminderCandidates: jest.fn(async () => [
        { id: 'h1', starts_at: hearing.startsAt, local_date: '2027-03-17', time_zone: 'Asia/Almaty' },
      ]),
      claimReminder: jest.fn(async () => true),
      overdueCandidates: jest.fn(async () => []),
      claimOverdue: jest.fn(async () => true),
    };
    outbox = { enqueue: jest.fn(async () => 1) };
    dispatcher = { kick: jest.fn() };
    service = new HearingSweepService(
      { transaction: (work: (em: EntityManager) => Promise<unknown>) => work(em) } as unknown as DataSource,
      clock,
      { calendar: async () => new WorkingCalendar([]) } as unknown as CalendarService,
      outbox as unknown as OutboxService,
      dispatcher as unknown as OutboxDispatcher,
      sweeps,
      { byId: async () => hearing } as unknown as HearingsRepository,
      { withOrganization: async () => ({ plan, organization }) } as unknown as PlansRepository,
      { audience: async () => [person], officials: async () => [person] },
      loadConfig({}),
    );
  });

  it('reminds on the working day before the hearing, not earlier', async () => {
    clock.set(new Date('2027-03-15T04:00:00Z')); // Monday
    expect(await service.runOnce()).toEqual({ reminders: 0, overdue: 0 });
    expect(sweeps.claimReminder).not.toHaveBeenCalled();

    clock.set(new Date('2027-03-16T04:00:00Z'));
    expect(await service.runOnce()).toEqual({ reminders: 1, overdue: 0 });
    expect(sweeps.claimReminder).toHaveBeenCalledWith(em, 'h1', hearing.startsAt);
    expect(outbox.enqueue).toHaveBeenCalledWith(em, [
      expect.objectContaining({
        kind: 'hearing_reminder',
        recipient: person.email,
        dedupeKey: 'hearing-reminder:h1:2027-03-17T05:00:00.000Z:u1',
      }),
    ]);
    expect(dispatcher.kick).toHaveBeenCalledTimes(1);
  });

  it('queues nothing when the claim updates no row: the hearing changed, or another instance reminded', async () => {
    sweeps.claimReminder.mockResolvedValue(false);
    expect(await service.runOnce()).toEqual({ reminders: 0, overdue: 0 });
    expect(outbox.enqueue).not.toHaveBeenCalled();
    expect(dispatcher.kick).not.toHaveBeenCalled();
  });

  it('tells the officials of an overdue plan only when its claim succeeds', async () => {
    sweeps.reminderCandidates.mockResolvedValue([]);
    sweeps.overdueCandidates.mockResolvedValue([{ id: 'p1' }, { id: 'p2' }]);
    sweeps.claimOverdue.mockImplementation(async (_em: EntityManager, id: string) => id === 'p1');
    expect(await service.runOnce()).toEqual({ reminders: 0, overdue: 1 });
    expect(outbox.enqueue).toHaveBeenCalledTimes(1);
    expect(outbox.enqueue).toHaveBeenCalledWith(em, [
      expect.objectContaining({ kind: 'hearing_overdue', dedupeKey: 'hearing-overdue:p1:u1' }),
    ]);
  });
});
