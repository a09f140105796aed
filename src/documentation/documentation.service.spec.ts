import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service';
import type { CommitmentsService } from '../commitments/commitments.service';
import { ManualClock } from '../common/clock';
import type { AppConfig } from '../config/config';
import type { AuthUser } from '../identity/auth/auth-user';
import type { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import type { NewEmail, OutboxService } from '../notifications/outbox.service';
import type { Organization } from '../organizations/organization.entity';
import { loadPlan } from '../plans/plan-access';
import type { Plan } from '../plans/plan.entity';
import { DocumentationService } from './documentation.service';
import { LocalizedText } from '../common/i18n/localized-text';
import type { Notice } from './notice.entity';

jest.mock('../plans/plan-access', () => ({
  loadPlan: jest.fn(),
  assertOrganizerOf: jest.fn(),
  assertVisible: jest.fn(),
}));

const NOW = new Date('2027-05-20T09:00:00Z');
const organizer = { id: 'organizer-1', role: 'organizer', organizationId: 'org-1' } as AuthUser;
const documents = [{ title: 'Specification', url: 'https://example.kz/1.pdf', sha256: 'AB'.repeat(32) }];
const stored1 = [{ ...documents[0], title: LocalizedText.single('Specification', 'en')! }];

function setUp(plan: Partial<Plan>) {
  const stored: Notice[] = [];
  const em = {
    getRepository: () => ({ find: async () => stored, findOne: async () => ({ stage2OpensAt: null, stage2ClosesAt: null }) }),
  } as unknown as EntityManager;
  jest.mocked(loadPlan).mockResolvedValue({
    plan: { id: 'plan-1', title: LocalizedText.single('Medicines', 'en'), ...plan } as Plan,
    organization: { id: 'org-1' } as Organization,
  });
  const notices = {
    lastNoticeVersion: jest.fn(async () => stored.length),
    insertNotice: jest.fn(async (_em: EntityManager, row: Omit<Notice, 'id'>) => {
      const notice = { ...row, id: `notice-${row.version}` };
      stored.push(notice);
      return notice;
    }),
    markNoticePublished: jest.fn(async () => undefined),
    updateNoticeTexts: jest.fn(async () => undefined),
    participants: jest.fn(async () => [{ id: 'u-1', email: 'citizen@x.kz', locale: 'en', display_name: 'Olga' }]),
  };
  const outbox = { enqueue: jest.fn(async (_em: EntityManager, emails: NewEmail[]) => emails.length) };
  const db = { transaction: async (work: (em: EntityManager) => Promise<unknown>) => work(em) } as unknown as DataSource;
  const service = new DocumentationService(
    db,
    new ManualClock(NOW),
    {} as CalendarService,
    outbox as unknown as OutboxService,
    { kick: jest.fn() } as unknown as OutboxDispatcher,
    notices,
    { publicUrl: 'https://talqylau.kz' } as AppConfig,
    { recordAtNotice: jest.fn(async () => undefined) } as unknown as CommitmentsService,
  );
  return { service, notices, outbox, stored };
}

describe('DocumentationService.correct', () => {
  it('adds a version with the trimmed reason and lower-case checksums; the stage 2 window stays', async () => {
    const { service, notices, outbox, stored } = setUp({ noticePublishedAt: NOW, outcomePublishedAt: null });
    stored.push({
      id: 'notice-1',
      planId: 'plan-1',
      version: 1,
      noticeNumber: 'N-1',
      documents: stored1,
      authorId: 'organizer-1',
      publishedAt: NOW,
      correctionReason: null,
    });
    const view = await service.correct(organizer, 'plan-1', { noticeNumber: 'N-2', documents, reason: ' wrong file ' }, 'en');
    expect(view).toMatchObject({
      version: 2,
      noticeNumber: 'N-2',
      correctionReason: LocalizedText.single('wrong file', 'en'),
      documents: [{ sha256: 'ab'.repeat(32) }],
    });
    expect(notices.markNoticePublished).not.toHaveBeenCalled();
    const [email] = outbox.enqueue.mock.calls[0][1];
    expect(email).toMatchObject({
      kind: 'notice_corrected',
      dedupeKey: 'notice-corrected:plan-1:2:u-1',
      subject: 'Corrected notice: Medicines',
    });
    expect(email.text).toContain('Reason for the correction:\n> wrong file');
  });

  it('refuses before the notice and after the outcome', async () => {
    await expect(
      setUp({ noticePublishedAt: null }).service.correct(organizer, 'plan-1', { noticeNumber: 'N', documents, reason: 'r' }),
    ).rejects.toMatchObject({
      code: 'NOTICE_NOT_PUBLISHED',
    });
    await expect(
      setUp({ noticePublishedAt: NOW, outcomePublishedAt: NOW }).service.correct(organizer, 'plan-1', {
        noticeNumber: 'N',
        documents,
        reason: 'r',
      }),
    ).rejects.toMatchObject({
      code: 'DISCUSSION_CLOSED',
    });
  });
});
