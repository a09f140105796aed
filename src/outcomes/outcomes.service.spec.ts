import type { DataSource, EntityManager } from 'typeorm';
import { LocalizedText } from '../common/i18n/localized-text';
import { ManualClock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import type { AuthUser } from '../identity/auth/auth-user';
import type { ModerationService } from '../moderation/moderation.service';
import type { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import type { NewEmail, OutboxService } from '../notifications/outbox.service';
import type { Organization } from '../organizations/organization.entity';
import { loadPlan } from '../plans/plan-access';
import type { Plan } from '../plans/plan.entity';
import type { ReviewsService } from '../reviews/reviews.service';
import type { Outcome } from './outcome.entity';
import { OutcomesService } from './outcomes.service';

jest.mock('../plans/plan-access', () => ({
  loadPlan: jest.fn(),
  assertOrganizerOf: jest.fn(),
  assertVisible: jest.fn(),
}));

const NOW = new Date('2027-06-10T09:00:00Z');
const organizer = { id: 'organizer-1', role: 'organizer', organizationId: 'org-1' } as AuthUser;
const organization = { id: 'org-1', councilId: 'council-1' } as Organization;

interface ReviewState {
  /** closeBeforeOutcome: 'closed' already, 'closes' now (past its period), 'open' (REVIEW_OPEN). */
  review?: 'closed' | 'closes' | 'open';
  uncorrected?: string[];
}

/** Moderation of the plan: pending appeals, and until when a hidden remark may still be appealed. */
interface AppealState {
  pending?: number;
  windowClosesAt?: Date | null;
}

function setUp(plan: Partial<Plan>, unansweredRemarks: number, state: ReviewState = {}, appeals: AppealState = {}) {
  const stored: Outcome[] = [];
  const em = { getRepository: () => ({ find: async () => stored }) } as unknown as EntityManager;
  jest
    .mocked(loadPlan)
    .mockResolvedValue({ plan: { id: 'plan-1', title: LocalizedText.single('Road repair', 'en'), ...plan } as Plan, organization });
  const outcomes = {
    unansweredRemarksCount: jest.fn(async () => unansweredRemarks),
    lastOutcomeVersion: jest.fn(async () => stored.length),
    insertOutcome: jest.fn(async (_em: EntityManager, row: Omit<Outcome, 'id'>) => {
      const outcome = { ...row, id: `outcome-${row.version}` };
      stored.push(outcome);
      return outcome;
    }),
    markOutcomePublished: jest.fn(async () => undefined),
    updateOutcomeTexts: jest.fn(async () => undefined),
    recipients: jest.fn(async () => [{ id: 'u-1', email: 'citizen@x.kz', locale: 'ru', display_name: 'Олга', official: false }]),
  };
  const outbox = { enqueue: jest.fn(async (_em: EntityManager, emails: NewEmail[]) => emails.length) };
  const reviews = {
    closeBeforeOutcome: jest.fn(async () => {
      if (state.review === 'open') throw new AppError('REVIEW_OPEN');
      return state.review === 'closes';
    }),
    assertFormalAnswersCorrected: jest.fn(async () => {
      const remarkIds = state.uncorrected ?? [];
      if (remarkIds.length) throw new AppError('FORMAL_ANSWERS_UNCORRECTED', { count: remarkIds.length }, undefined, { remarkIds });
    }),
  };
  const committed = { value: false };
  const db = {
    transaction: async (work: (em: EntityManager) => Promise<unknown>) => {
      const result = await work(em);
      committed.value = true;
      return result;
    },
  } as unknown as DataSource;
  const service = new OutcomesService(
    db,
    new ManualClock(NOW),
    outbox as unknown as OutboxService,
    { kick: jest.fn() } as unknown as OutboxDispatcher,
    outcomes,
    reviews as unknown as ReviewsService,
    {
      pendingAppealsOfPlan: async () => appeals.pending ?? 0,
      appealWindowOfPlan: async () => appeals.windowClosesAt ?? null,
    } as unknown as ModerationService,
    { publicUrl: 'https://talqylau.kz' } as AppConfig,
  );
  return { service, outcomes, outbox, reviews, committed };
}

const input = { decision: 'proceed' as const, summary: 'All remarks were taken into account.' };
const stage2Closed = { stage2ClosesAt: new Date(NOW.getTime() - 1000), outcomePublishedAt: null };

describe('OutcomesService.publish', () => {
  it('refuses while a remark is unanswered, with the count, and stores nothing', async () => {
    const { service, outcomes, outbox } = setUp(stage2Closed, 2);
    const refusal = await service.publish(organizer, 'plan-1', input).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'UNANSWERED_REMARKS', params: { count: 2 } });
    expect(outcomes.insertOutcome).not.toHaveBeenCalled();
    expect(outcomes.markOutcomePublished).not.toHaveBeenCalled();
    expect(outbox.enqueue).not.toHaveBeenCalled();
  });

  it('waits for a pending moderation appeal, then for a hidden remark that may still be appealed, and stores nothing', async () => {
    const pending = setUp(stage2Closed, 0, {}, { pending: 1 });
    await expect(pending.service.publish(organizer, 'plan-1', input)).rejects.toMatchObject({ code: 'APPEAL_PENDING' });
    const closesAt = new Date(NOW.getTime() + 3 * 86_400_000);
    const open = setUp(stage2Closed, 0, {}, { windowClosesAt: closesAt });
    await expect(open.service.publish(organizer, 'plan-1', input)).rejects.toMatchObject({
      code: 'APPEAL_WINDOW_OPEN',
      fields: { closesAt: closesAt.toISOString() },
    });
    for (const { outcomes, outbox } of [pending, open]) {
      expect(outcomes.insertOutcome).not.toHaveBeenCalled();
      expect(outbox.enqueue).not.toHaveBeenCalled();
    }
  });

  it('refuses before stage 2 has closed, without counting remarks', async () => {
    const { service, outcomes } = setUp({ stage2ClosesAt: NOW, outcomePublishedAt: null }, 0);
    await expect(service.publish(organizer, 'plan-1', input)).rejects.toMatchObject({ code: 'STAGE2_NOT_CLOSED' });
    expect(outcomes.unansweredRemarksCount).not.toHaveBeenCalled();
  });

  it('refuses a second outcome', async () => {
    const { service } = setUp({ ...stage2Closed, outcomePublishedAt: NOW }, 0);
    await expect(service.publish(organizer, 'plan-1', input)).rejects.toMatchObject({ code: 'OUTCOME_EXISTS' });
  });

  it('publishes version 1 once every remark is answered, closes the plan and e-mails the participants', async () => {
    const { service, outcomes, outbox } = setUp(stage2Closed, 0);
    const view = await service.publish(organizer, 'plan-1', input);
    expect(view).toMatchObject({ version: 1, decision: 'proceed', correctionReason: null });
    expect(outcomes.markOutcomePublished).toHaveBeenCalledWith(expect.anything(), 'plan-1', NOW);
    const [email] = outbox.enqueue.mock.calls[0][1];
    expect(email).toMatchObject({
      kind: 'outcome',
      dedupeKey: 'outcome:plan-1:u-1',
      recipient: 'citizen@x.kz',
      locale: 'ru',
      subject: 'Итог обсуждения: Road repair',
    });
  });
});

describe('OutcomesService.publish: the council review and its findings', () => {
  it('409 REVIEW_OPEN while the review is open, before counting remarks', async () => {
    const { service, outcomes } = setUp(stage2Closed, 0, { review: 'open' });
    await expect(service.publish(organizer, 'plan-1', input)).rejects.toMatchObject({ code: 'REVIEW_OPEN' });
    expect(outcomes.unansweredRemarksCount).not.toHaveBeenCalled();
    expect(outcomes.insertOutcome).not.toHaveBeenCalled();
  });

  it('409 FORMAL_ANSWERS_UNCORRECTED with the remark ids, storing no outcome', async () => {
    const { service, outcomes } = setUp(stage2Closed, 0, { review: 'closed', uncorrected: ['r-1', 'r-2'] });
    const refusal = await service.publish(organizer, 'plan-1', input).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'FORMAL_ANSWERS_UNCORRECTED', params: { count: 2 }, fields: { remarkIds: ['r-1', 'r-2'] } });
    expect(outcomes.insertOutcome).not.toHaveBeenCalled();
  });

  it('a review closed by this request is committed before a later refusal', async () => {
    const { service, outcomes, committed } = setUp(stage2Closed, 0, { review: 'closes', uncorrected: ['r-1'] });
    await expect(service.publish(organizer, 'plan-1', input)).rejects.toMatchObject({ code: 'FORMAL_ANSWERS_UNCORRECTED' });
    expect(committed.value).toBe(true);
    expect(outcomes.insertOutcome).not.toHaveBeenCalled();
  });

  it('a refusal without a close rolls everything back', async () => {
    const { service, committed } = setUp(stage2Closed, 1, { review: 'closed' });
    await expect(service.publish(organizer, 'plan-1', input)).rejects.toMatchObject({ code: 'UNANSWERED_REMARKS' });
    expect(committed.value).toBe(false);
  });

  it('publishes once the review closed now and nothing is left to correct', async () => {
    const { service, outcomes, reviews } = setUp(stage2Closed, 0, { review: 'closes' });
    await expect(service.publish(organizer, 'plan-1', input)).resolves.toMatchObject({ version: 1 });
    expect(reviews.assertFormalAnswersCorrected).toHaveBeenCalled();
    expect(outcomes.insertOutcome).toHaveBeenCalled();
  });
});

describe('OutcomesService.correct', () => {
  it('adds a version with the trimmed reason and e-mails it under a key of its own', async () => {
    const { service, outcomes, outbox } = setUp({ ...stage2Closed, outcomePublishedAt: NOW }, 0);
    await outcomes.insertOutcome({} as EntityManager, {
      planId: 'plan-1',
      version: 1,
      decision: 'proceed',
      summary: LocalizedText.single('s', 'ru')!,
      authorId: 'a',
      publishedAt: NOW,
      correctionReason: null,
    });
    const view = await service.correct(organizer, 'plan-1', { decision: 'amend', summary: 'Amended.', reason: '  a typo  ' });
    expect(view).toMatchObject({ version: 2, decision: 'amend', correctionReason: LocalizedText.single('a typo', 'ru') });
    expect(outcomes.markOutcomePublished).not.toHaveBeenCalled();
    const [email] = outbox.enqueue.mock.calls[0][1];
    expect(email).toMatchObject({
      kind: 'outcome_corrected',
      dedupeKey: 'outcome:plan-1:v2:u-1',
      subject: 'Исправленный итог обсуждения: Road repair',
    });
    expect(email.text).toContain('Причина исправления:\n> a typo');
  });
});
