import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service';
import { ManualClock } from '../common/clock';
import { LocalizedText } from '../common/i18n/localized-text';
import type { AppConfig } from '../config/config';
import type { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import type { NewEmail, OutboxService } from '../notifications/outbox.service';
import type { Organization } from '../organizations/organization.entity';
import type { Plan } from '../plans/plan.entity';
import type { PositionKind } from './review-position.entity';
import type { PlanRecipientsRepository, RecipientRow as Recipient } from '../plans/plan-recipients.repository';
import type { FormalVoteRow, NewConclusion, ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

const NOW = new Date('2027-04-01T09:00:00Z');
const plan = { id: 'plan-1', title: LocalizedText.of({ kk: 'Мектеп тамағы', ru: 'Школьное питание', en: 'School meals' }) } as Plan;
const organization = { id: 'org-1', councilId: 'council-1' } as Organization;
const em = {} as EntityManager;
const recipients: Recipient[] = [
  { id: 'u-1', email: 'chair@x.kz', locale: 'kk', display_name: 'Saule' },
  { id: 'u-2', email: 'organizer@x.kz', locale: 'en', display_name: 'Akimat' },
];

function setUp(positions: PositionKind[], membersCount: number, alreadyClosed = false, votes: FormalVoteRow[] = []) {
  const reviews = {
    formalVotes: jest.fn(async () => votes),
    insertFindings: jest.fn(async () => undefined),
    organizerStaff: jest.fn(async () => [recipients[1]]),
    positionKinds: jest.fn(async () => positions),
    councilMembersCount: jest.fn(async () => membersCount),
    insertConclusion: jest.fn(async (_em: EntityManager, c: NewConclusion) =>
      alreadyClosed ? null : { ...c, id: 'conclusion-1', closedAt: c.closedAt },
    ),
  };
  const officials = { officials: jest.fn(async () => recipients) };
  const outbox = { enqueue: jest.fn(async (_em: EntityManager, emails: NewEmail[]) => emails.length) };
  const service = new ReviewsService(
    {} as DataSource,
    new ManualClock(NOW),
    {} as CalendarService,
    outbox as unknown as OutboxService,
    { kick: jest.fn() } as unknown as OutboxDispatcher,
    reviews as unknown as ReviewsRepository,
    officials as unknown as PlanRecipientsRepository,
    { publicUrl: 'https://talqylau.kz' } as AppConfig,
  );
  return { service, reviews, officials, outbox };
}

describe('ReviewsService.close', () => {
  it('stores the position held by a strict majority, with a quorum when more than half of the members took part', async () => {
    const { service, reviews } = setUp(['endorse', 'endorse', 'object'], 5);
    await service.close(em, plan, organization, 'chair', 'u-1');
    expect(reviews.councilMembersCount).toHaveBeenCalledWith(em, 'council-1');
    expect(reviews.insertConclusion).toHaveBeenCalledWith(em, {
      planId: 'plan-1',
      councilId: 'council-1',
      closedAt: NOW,
      closedBy: 'chair',
      closedByUserId: 'u-1',
      membersCount: 5,
      positionsCount: 3,
      endorseCount: 2,
      endorseWithRecommendationsCount: 0,
      objectCount: 1,
      result: 'endorsed',
      quorum: true,
    });
  });

  it.each<[PositionKind[], number, string, boolean]>([
    [['object'], 5, 'objected', false],
    [['endorse', 'object'], 3, 'no_majority', true],
    [['endorse', 'endorse_with_recommendations'], 4, 'no_majority', false],
    [[], 3, 'no_positions', false],
  ])('%j of %i members: %s, quorum %s', async (positions, members, result, quorum) => {
    const { service, reviews } = setUp(positions, members);
    await service.close(em, plan, organization, 'deadline', null);
    expect(reviews.insertConclusion).toHaveBeenCalledWith(
      em,
      expect.objectContaining({ result, quorum, closedBy: 'deadline', closedByUserId: null }),
    );
  });

  it("e-mails the organizer's staff and the council once per conclusion, each in their language", async () => {
    const { service, outbox } = setUp(['endorse', 'endorse'], 3);
    await service.close(em, plan, organization, 'chair', 'u-1');
    const emails = outbox.enqueue.mock.calls[0][1];
    expect(emails.map((e) => [e.recipient, e.locale, e.kind, e.dedupeKey, e.subject])).toEqual([
      ['chair@x.kz', 'kk', 'review_conclusion', 'review-conclusion:conclusion-1:u-1', 'Кеңес қорытындысы: Мектеп тамағы'],
      ['organizer@x.kz', 'en', 'review_conclusion', 'review-conclusion:conclusion-1:u-2', 'Council conclusion: School meals'],
    ]);
    expect(emails[1].text).toContain('endorsed. Positions: 2 of 3 members. Quorum: yes.');
    expect(emails[1].text).toContain('Open the discussion: https://talqylau.kz/plans/plan-1');
  });

  it('returns null and e-mails nobody when the review was closed already', async () => {
    const { service, officials, outbox } = setUp(['endorse'], 3, true);
    expect(await service.close(em, plan, organization, 'deadline', null)).toBeNull();
    expect(officials.officials).not.toHaveBeenCalled();
    expect(outbox.enqueue).not.toHaveBeenCalled();
  });

  const vote = (remarkId: string, votes: number): FormalVoteRow => ({
    remark_id: remarkId,
    votes,
    answer_version: 2,
    stage: 1,
    remark_body: `Remark ${remarkId}`,
    hidden_at: null,
    hidden_reason: null,
    answer_body: LocalizedText.single(`Answer ${remarkId}`, 'ru') as LocalizedText,
  });

  it('stores as findings the answers named by more than half of the members, at the closing time', async () => {
    const { service, reviews } = setUp(['endorse', 'object', 'object', 'endorse'], 4, false, [vote('r-1', 3), vote('r-2', 2)]);
    const closed = await service.close(em, plan, organization, 'chair', 'u-1');
    expect(closed?.formalAnswers).toEqual(['r-1']);
    expect(reviews.insertFindings).toHaveBeenCalledWith(em, [
      { conclusionId: 'conclusion-1', remarkId: 'r-1', planId: 'plan-1', votes: 3, membersCount: 4, answerVersion: 2, foundAt: NOW },
    ]);
  });

  it("e-mails the organizer's staff once per conclusion, listing each answer to correct with its link", async () => {
    const { service, outbox } = setUp(['object', 'object'], 3, false, [vote('r-1', 2)]);
    await service.close(em, plan, organization, 'deadline', null);
    expect(outbox.enqueue).toHaveBeenCalledTimes(2);
    const [conclusionMails, findingMails] = outbox.enqueue.mock.calls.map((c) => c[1]);
    expect(conclusionMails[1].text).toContain('The council found 1 answer(s) formal');
    expect(findingMails.map((e) => [e.recipient, e.kind, e.dedupeKey, e.subject])).toEqual([
      [
        'organizer@x.kz',
        'council_formal_findings',
        'council-formal-findings:conclusion-1:u-2',
        'Answers the council found formal: School meals',
      ],
    ]);
    expect(findingMails[0].text).toContain('1. Remark (stage 1): "Remark r-1". Named formal by 2 of 3 members.');
    expect(findingMails[0].text).toContain('https://talqylau.kz/organizer/remarks/r-1/correction');
    expect(findingMails[0].text).toContain('> Answer r-1');
  });

  it('no finding: no findings e-mail, and the conclusion e-mail says so', async () => {
    const { service, reviews, outbox } = setUp(['endorse'], 3, false, [vote('r-1', 1)]);
    expect((await service.close(em, plan, organization, 'chair', 'u-1'))?.formalAnswers).toEqual([]);
    expect(reviews.insertFindings).toHaveBeenCalledWith(em, []);
    expect(outbox.enqueue).toHaveBeenCalledTimes(1);
    expect(outbox.enqueue.mock.calls[0][1][1].text).toContain('The council found no answer formal.');
  });
});
