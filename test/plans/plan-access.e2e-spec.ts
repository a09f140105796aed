import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Organization } from '../../src/organizations/organization.entity';
import type { AuthUser } from '../../src/identity/auth/auth-user';
import { loadPlan, visiblePlanId } from '../../src/plans/plan-access';
import { Plan } from '../../src/plans/plan.entity';
import { bilingual, createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('loadPlan: the plan and its organization in one statement', () => {
  let t: TestApp;
  let plan: Plan;
  let organization: Organization;

  beforeAll(async () => {
    t = await startTestApp();
    organization = await createOrganization(t.db, await createCouncil(t.db), {
      timeZone: 'Asia/Aqtobe',
      name: 'Ақтөбе облысының әкімдігі',
    });
    const organizer = await createUser(t, 'organizer', { organizationId: organization.id });
    // every kind of column filled: timestamps, dates, the bigint amount, nullable text
    plan = await t.db.getRepository(Plan).save(
      t.db.getRepository(Plan).create({
        organizationId: organization.id,
        createdBy: organizer.user.id,
        title: bilingual('№12 мектептің шатырын жөндеу', 'Ремонт школы №12'),
        description: bilingual('Шатырды күрделі жөндеу', 'Капитальный ремонт кровли'),
        subjectCode: '45.21',
        amount: 9_007_199_254_740,
        method: 'open_tender',
        plannedQuarter: '2027-Q2',
        deliveryPlace: null,
        publishedAt: new Date('2027-03-01T05:00:00Z'),
        stage1ClosesAt: new Date('2027-03-15T18:59:59.999Z'),
        stage1CloseDate: '2027-03-15',
        hearingDeadlineDate: '2027-03-29',
        stage1ClosedSweptAt: null,
        hearingOverdueAt: null,
        protocolPublishedAt: new Date('2027-03-20T07:30:00.123Z'),
        reviewClosesAt: new Date('2027-04-03T18:59:59.999Z'),
        noticePublishedAt: null,
        stage2OpensAt: null,
        stage2ClosesAt: null,
        stage2ClosedSweptAt: null,
        outcomePublishedAt: null,
      }),
    );
  });
  afterAll(() => t.close());

  it('returns exactly what TypeORM findOne returns, as entities', async () => {
    const loaded = await loadPlan(t.db.manager, plan.id);
    const expectedPlan = await t.db.getRepository(Plan).findOneByOrFail({ id: plan.id });
    const expectedOrganization = await t.db.getRepository(Organization).findOneByOrFail({ id: organization.id });
    expect(loaded.plan).toBeInstanceOf(Plan);
    expect(loaded.organization).toBeInstanceOf(Organization);
    expect(loaded.plan).toStrictEqual(expectedPlan);
    expect(loaded.organization).toStrictEqual(expectedOrganization);
    expect(loaded.plan.amount).toBe(9_007_199_254_740);
    expect(loaded.plan.stage1CloseDate).toBe('2027-03-15');
    expect(loaded.plan.protocolPublishedAt).toEqual(new Date('2027-03-20T07:30:00.123Z'));
    expect(loaded.organization.timeZone).toBe('Asia/Aqtobe');
    expect('searchVector' in loaded.plan).toBe(false);
  });

  it('answers PLAN_NOT_FOUND for an unknown id and for one that is not a UUID', async () => {
    await expect(loadPlan(t.db.manager, randomUUID())).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
    await expect(loadPlan(t.db.manager, 'not-a-uuid')).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
  });

  it('with lock, holds the plan row (not its organization) until the transaction ends', async () => {
    const other = new Client({ connectionString: t.config.databaseUrl! });
    await other.connect();
    try {
      await t.db.transaction(async (em) => {
        await loadPlan(em, plan.id, true);
        await expect(other.query('SELECT 1 FROM plans WHERE id = $1 FOR UPDATE NOWAIT', [plan.id])).rejects.toMatchObject({
          code: '55P03',
        });
        await expect(other.query('SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE NOWAIT', [organization.id])).resolves.toBeTruthy();
      });
      await expect(other.query('SELECT 1 FROM plans WHERE id = $1 FOR UPDATE NOWAIT', [plan.id])).resolves.toBeTruthy();
    } finally {
      await other.end();
    }
  });

  it('visiblePlanId: a published plan for anyone, a draft only for its own organization', async () => {
    const staff = (organizationId: string | null, role: AuthUser['role'] = 'organizer') =>
      ({ id: randomUUID(), role, organizationId, councilId: null, isChair: false, emailVerified: true }) as AuthUser;
    await expect(visiblePlanId(t.db, undefined, plan.id)).resolves.toBe(plan.id);
    const { id: _published, ...fields } = plan;
    const draft = await t.db
      .getRepository(Plan)
      .save({ ...fields, publishedAt: null, stage1ClosesAt: null, title: bilingual('Жоба', 'Черновик') });
    await expect(visiblePlanId(t.db, staff(organization.id), draft.id)).resolves.toBe(draft.id);
    for (const who of [undefined, staff(randomUUID()), staff(null, 'citizen'), staff(null, 'admin')]) {
      await expect(visiblePlanId(t.db, who, draft.id)).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
    }
    await expect(visiblePlanId(t.db, undefined, randomUUID())).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
    await expect(visiblePlanId(t.db, undefined, 'x')).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
  });
});
