import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { ManualClock } from '../common/clock';
import type { AppError } from '../common/errors/app-error';
import { loadConfig } from '../config/config';
import type { HearingsRepository } from '../hearings/hearings.repository';
import type { AuthUser } from '../identity/auth/auth-user';
import type { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import type { OutboxService } from '../notifications/outbox.service';
import type { AnswerVerdictsRepository } from './answer-verdicts.repository';
import type { RemarksRepository, SubmitLookupRow } from './remarks.repository';
import { remarkDuplicateKey } from './remark-moderation';
import { RemarksService } from './remarks.service';

const PLAN = '3f0c6a52-8d7e-4b1a-9c2d-5e6f7a8b9c0d';
const citizen: AuthUser = {
  id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  email: 'citizen@example.test',
  displayName: 'Citizen',
  role: 'citizen',
  locale: 'en',
  organizationId: null,
  councilId: null,
  isChair: false,
  emailVerified: true,
};
/** Published 2027-03-01 10:00 in Almaty; stage 1 closes 2027-03-22 23:59:59.999 there. */
const openPlan: SubmitLookupRow = {
  id: PLAN,
  organization_id: 'o1',
  published_at: new Date('2027-03-01T05:00:00Z'),
  stage1_closes_at: new Date('2027-03-22T18:59:59.999Z'),
  stage2_opens_at: null,
  stage2_closes_at: null,
  outcome_published_at: null,
  time_zone: 'Asia/Almaty',
  existing_id: null,
  existing_stage: null,
  existing_created_at: null,
  existing_body_hash: null,
  recent_count: 0,
  recent_oldest: null,
};
const hashOf = (body: string) => createHash('sha256').update(`${PLAN}\n${body}`).digest('hex');

describe('RemarksService.create', () => {
  let clock: ManualClock;
  let remarks: { submitLookup: jest.Mock; insert: jest.Mock; byIdempotencyKey: jest.Mock };
  let service: RemarksService;

  beforeEach(() => {
    clock = new ManualClock(new Date('2027-03-10T06:00:00Z'));
    remarks = {
      submitLookup: jest.fn(async () => openPlan),
      insert: jest.fn(async () => ({ id: 'new-remark', stage: 1, created_at: clock.now() })),
      byIdempotencyKey: jest.fn(),
    };
    service = new RemarksService(
      {} as DataSource,
      clock,
      { calendar: async () => new WorkingCalendar([]) } as unknown as CalendarService,
      {} as OutboxService,
      {} as OutboxDispatcher,
      remarks as unknown as RemarksRepository,
      {} as HearingsRepository,
      {} as AnswerVerdictsRepository,
      loadConfig({}),
    );
  });

  it('accepts a remark in stage 1 with its answer deadline, in one lookup and one insert', async () => {
    await expect(service.create(citizen, PLAN, 'Split the lot', 'key-1')).resolves.toEqual({
      id: 'new-remark',
      stage: 1,
      createdAt: '2027-03-10T06:00:00.000Z',
    });
    expect(remarks.submitLookup).toHaveBeenCalledWith({}, PLAN, citizen.id, 'key-1', new Date('2027-03-10T05:00:00Z'));
    expect(remarks.insert).toHaveBeenCalledWith(
      {},
      expect.objectContaining({
        planId: PLAN,
        stage: 1,
        authorId: citizen.id,
        idempotencyKey: 'key-1',
        bodyHash: hashOf('Split the lot'),
        duplicateKey: remarkDuplicateKey('split  THE lot '),
      }),
    );
    expect(remarks.insert.mock.calls[0][1].answerDueAt.getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('refuses a remark once stage 1 has closed and stage 2 has not opened, saying when it closed', async () => {
    clock.set(new Date('2027-03-22T19:00:00Z'));
    const refusal = await service.create(citizen, PLAN, 'Too late', undefined).catch((e: AppError) => e);
    expect(refusal).toMatchObject({ code: 'WINDOW_CLOSED' });
    expect((refusal as AppError).params.detail).toMatchObject({
      en: 'stage one closed on 2027-03-22 23:59 (Asia/Almaty); stage two has not started',
    });
    expect(remarks.insert).not.toHaveBeenCalled();
  });

  it('answers a repeated Idempotency-Key with the original remark, even after the window closed, without inserting', async () => {
    clock.set(new Date('2027-04-01T00:00:00Z'));
    remarks.submitLookup.mockResolvedValue({
      ...openPlan,
      existing_id: 'first-remark',
      existing_stage: 1,
      existing_created_at: new Date('2027-03-10T06:00:00Z'),
      existing_body_hash: hashOf('Split the lot'),
    });
    await expect(service.create(citizen, PLAN, 'Split the lot', 'key-1')).resolves.toEqual({
      id: 'first-remark',
      stage: 1,
      createdAt: '2027-03-10T06:00:00.000Z',
    });
    expect(remarks.insert).not.toHaveBeenCalled();
  });

  it('refuses the same Idempotency-Key with another body', async () => {
    remarks.submitLookup.mockResolvedValue({
      ...openPlan,
      existing_id: 'first-remark',
      existing_stage: 1,
      existing_created_at: new Date('2027-03-10T06:00:00Z'),
      existing_body_hash: hashOf('Split the lot'),
    });
    await expect(service.create(citizen, PLAN, 'Something else', 'key-1')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(remarks.insert).not.toHaveBeenCalled();
  });

  it('returns the remark of a concurrent request with the same key that committed first', async () => {
    remarks.insert.mockResolvedValue(null);
    remarks.byIdempotencyKey.mockResolvedValue({
      id: 'winner',
      stage: 1,
      createdAt: new Date('2027-03-10T06:00:00Z'),
      bodyHash: hashOf('Split the lot'),
    });
    await expect(service.create(citizen, PLAN, 'Split the lot', 'key-1')).resolves.toMatchObject({ id: 'winner' });
    expect(remarks.byIdempotencyKey).toHaveBeenCalledWith({}, citizen.id, 'key-1');
  });

  it("refuses the author's same text when the insert is skipped and no remark has the key", async () => {
    remarks.insert.mockResolvedValue(null);
    remarks.byIdempotencyKey.mockResolvedValue(null);
    await expect(service.create(citizen, PLAN, 'Split the lot', 'key-2')).rejects.toMatchObject({ code: 'DUPLICATE_REMARK' });
    await expect(service.create(citizen, PLAN, 'Split the lot', undefined)).rejects.toMatchObject({ code: 'DUPLICATE_REMARK' });
  });

  it('refuses a remark past remarksPerHour of the author on the plan, with Retry-After until the oldest leaves the hour', async () => {
    remarks.submitLookup.mockResolvedValue({ ...openPlan, recent_count: 20, recent_oldest: new Date('2027-03-10T05:20:00Z') });
    const refusal = (await service.create(citizen, PLAN, 'One more', undefined).catch((e: AppError) => e)) as AppError;
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refusal.headers['retry-after']).toBe(String(20 * 60));
    expect(remarks.insert).not.toHaveBeenCalled();
  });

  it('refuses an unverified address and an empty remark before reading anything', async () => {
    await expect(service.create({ ...citizen, emailVerified: false }, PLAN, 'Hello', undefined)).rejects.toMatchObject({
      code: 'EMAIL_NOT_VERIFIED',
    });
    await expect(service.create(citizen, PLAN, '   ', undefined)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(remarks.submitLookup).not.toHaveBeenCalled();
  });

  it('treats another organization’s draft as absent', async () => {
    remarks.submitLookup.mockResolvedValue({ ...openPlan, published_at: null, stage1_closes_at: null });
    await expect(service.create(citizen, PLAN, 'Hello', undefined)).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
  });
});
