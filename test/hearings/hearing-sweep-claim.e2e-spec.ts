import { LocalizedText } from '../../src/common/i18n/localized-text';
import { randomUUID } from 'node:crypto';
import { CalendarService } from '../../src/calendar/calendar.service';
import { Hearing } from '../../src/hearings/hearing.entity';
import { HearingSweepService } from '../../src/hearings/hearing-sweep.service';
import type { Organization } from '../../src/organizations/organization.entity';
import { Plan } from '../../src/plans/plan.entity';
import { hearingDeadlineDate, stage1Window } from '../../src/procedure/deadlines';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * The sweep picks candidates with one SELECT and claims each with a conditional UPDATE in its own
 * transaction. Whatever changes in between (a cancellation, a protocol) must make the claim fail
 * and queue no e-mail.
 */
describe('hearing sweep claims', () => {
  let t: TestApp;
  let org: Organization;
  let organizer: CreatedUser;

  async function publishedPlan(publishedAt: string): Promise<Plan> {
    const cal = await t.app.get(CalendarService).calendar();
    const w = stage1Window(new Date(publishedAt), org.timeZone, cal, t.config.procedure);
    return t.db.getRepository(Plan).save({
      organizationId: org.id,
      createdBy: organizer.user.id,
      title: LocalizedText.of({ kk: 'Жол жөндеу, Алматы', ru: 'Ремонт дороги, Алматы' })!,
      description: LocalizedText.of({ kk: 'Асфальт', ru: 'Асфальт' })!,
      subjectCode: '421110.000.000000',
      amount: 1_000_000,
      method: 'open_tender',
      plannedQuarter: null,
      deliveryPlace: null,
      publishedAt: new Date(publishedAt),
      stage1ClosesAt: w.closesAt,
      stage1CloseDate: w.closeDate,
      hearingDeadlineDate: hearingDeadlineDate(w.closeDate, t.config.procedure),
    } as Partial<Plan>);
  }

  /** The next transaction the sweep opens first runs `change` on its own, as another request would. */
  function beforeNextClaim(change: () => Promise<unknown>): void {
    const original = t.db.transaction.bind(t.db) as (...args: unknown[]) => Promise<unknown>;
    jest.spyOn(t.db, 'transaction').mockImplementationOnce(async (...args: unknown[]) => {
      await change();
      return original(...args);
    });
  }

  const queued = async (kind: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM outbox_messages WHERE kind = $1`, [kind]))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-16T09:00:00+05:00' });
    org = await createOrganization(t.db, await createCouncil(t.db));
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t.close();
  });

  it('sends no reminder for a hearing cancelled between the candidate SELECT and the claim', async () => {
    const plan = await publishedPlan('2027-02-20T10:00:00+05:00');
    const follower = await createUser(t, 'citizen');
    await t.http.post(`/api/v1/plans/${plan.id}/follow`).set(follower.auth).expect(200);
    const hearing = await t.db.getRepository(Hearing).save({
      planId: plan.id,
      status: 'scheduled',
      startsAt: new Date('2027-03-17T10:00:00+05:00'),
      endsAt: new Date('2027-03-17T12:00:00+05:00'),
      localDate: '2027-03-17',
      venue: org.address,
      room: null,
      livestreamUrl: null,
      icalUid: `hearing-${randomUUID()}@talqylau`,
      sequence: 0,
      cancelReason: null,
      reminderSweptFor: null,
    } as Partial<Hearing>);
    beforeNextClaim(() => t.db.query(`UPDATE hearings SET status = 'cancelled', sequence = sequence + 1 WHERE id = $1`, [hearing.id]));
    expect((await t.app.get(HearingSweepService).runOnce()).reminders).toBe(0);
    expect(await queued('hearing_reminder')).toBe(0);
  });

  it('does not mark overdue a plan whose protocol was published between the candidate SELECT and the claim', async () => {
    const plan = await publishedPlan('2027-02-01T10:00:00+05:00');
    expect(plan.hearingDeadlineDate).toBe('2027-03-04');
    beforeNextClaim(() => t.db.query(`UPDATE plans SET protocol_published_at = $2 WHERE id = $1`, [plan.id, t.clock.now()]));
    expect((await t.app.get(HearingSweepService).runOnce()).overdue).toBe(0);
    expect(await queued('hearing_overdue')).toBe(0);
    expect((await t.db.getRepository(Plan).findOneByOrFail({ id: plan.id })).hearingOverdueAt).toBeNull();
  });
});
