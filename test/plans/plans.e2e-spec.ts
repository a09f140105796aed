import type { CreatedUser } from '../support/factories';
import { bilingual, createCouncil, createOrganization, createUser, newPlanBody } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { Organization } from '../../src/organizations/organization.entity';

const API = '/api/v1';
const planBody = newPlanBody;

describe('plans: create, publish, view, list', () => {
  let t: TestApp;
  let org: Organization;
  let organizer: CreatedUser;
  let otherOrganizer: CreatedUser;
  let citizen: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    org = await createOrganization(t.db, council);
    const other = await createOrganization(t.db, council, { name: 'Other akimat' });
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    otherOrganizer = await createUser(t, 'organizer', { organizationId: other.id });
    citizen = await createUser(t, 'citizen');
  });
  afterAll(async () => {
    await t.close();
  });

  async function createPlan(user = organizer, over: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http.post(`${API}/plans`).set(user.auth).send(planBody(over)).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'draft' });
    return res.body.id;
  }

  it('creates a draft and validates the body; only organizers may', async () => {
    await t.http.post(`${API}/plans`).send(planBody()).expect(401);
    await t.http.post(`${API}/plans`).set(citizen.auth).send(planBody()).expect(403);
    const bad = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .send(planBody({ amount: -1, method: 'barter', plannedQuarter: '2027-Q5' }))
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['amount', 'method', 'plannedQuarter']);
    const id = await createPlan();
    // a draft is invisible to others
    await t.http.get(`${API}/plans/${id}`).expect(404);
    await t.http.get(`${API}/plans/${id}`).set(otherOrganizer.auth).expect(404);
    const own = await t.http.get(`${API}/plans/${id}`).set(organizer.auth).expect(200);
    expect(own.body).toMatchObject({ status: 'draft', stage1: null, stage2: null, publishedAt: null });
  });

  it('publishes with a 20-day window extended past Nauryz and the substitute day off', async () => {
    const id = await createPlan();
    await t.http.post(`${API}/plans/${id}/publish`).set(otherOrganizer.auth).expect(404);
    const res = await t.http.post(`${API}/plans/${id}/publish`).set(organizer.auth).set('Accept-Language', 'en').expect(200);
    // D = 2027-03-01; D+20 = 21 March (Sunday, Nauryz); 22-23 Nauryz; 24 the moved day off; 25 March is working
    expect(res.body).toMatchObject({
      id,
      status: 'stage1_open',
      hearingOverdue: false,
      organization: { id: org.id, name: 'Akimat of Almaty' },
      amount: 125000000,
      method: 'open_tender',
      plannedQuarter: '2027-Q2',
      publishedAt: '2027-03-01T05:00:00.000Z',
      stage1: { opensAt: '2027-03-01T05:00:00.000Z', closesAt: '2027-03-25T18:59:59.999Z', closeDate: '2027-03-25' },
      hearingDeadlineDate: '2027-04-04',
      stage2: null,
      counts: { remarks: 0, answered: 0 },
      hearing: null,
      protocol: null,
      review: null,
      notice: null,
      outcome: null,
    });
    const again = await t.http.post(`${API}/plans/${id}/publish`).set(organizer.auth).expect(409);
    expect(again.body.error.code).toBe('PLAN_NOT_DRAFT');
    await t.http.post(`${API}/plans/${id}/publish`).set(otherOrganizer.auth).expect(403);
    const pub = await t.http.get(`${API}/plans/${id}`).expect(200);
    expect(pub.body.stage1.closesAt).toBe('2027-03-25T18:59:59.999Z');
  });

  it('computes the window in the organizer’s own time zone', async () => {
    const council = await createCouncil(t.db);
    const berlin = await createOrganization(t.db, council, { name: 'Berlin office', timeZone: 'Europe/Berlin' });
    const staff = await createUser(t, 'organizer', { organizationId: berlin.id });
    const id = await createPlan(staff);
    // 2027-03-01T10:00+05:00 = 06:00 in Berlin (CET) on 1 March; 21 March is a Sunday and Nauryz in the shared calendar
    const res = await t.http.post(`${API}/plans/${id}/publish`).set(staff.auth).expect(200);
    // 25 March 23:59:59.999 CET (+01:00) = 22:59:59.999Z
    expect(res.body.stage1).toEqual({ opensAt: '2027-03-01T05:00:00.000Z', closesAt: '2027-03-25T22:59:59.999Z', closeDate: '2027-03-25' });
  });

  it('lists published plans with keyset pagination, status and full-text filters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      const id = await createPlan(organizer, {
        title:
          i === 2
            ? bilingual('Ауруханаға компьютерлер жеткізу', 'Поставка компьютеров для больницы')
            : bilingual(`Жиһаз сатып алу ${i}`, `Закупка мебели ${i}`),
      });
      await t.http.post(`${API}/plans/${id}/publish`).set(organizer.auth).expect(200);
      ids.push(id);
    }
    const draft = await createPlan();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; status: string }[]; nextCursor: string | null } } = await t.http
        .get(`${API}/plans`)
        .query({ limit: 2, organizationId: org.id, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((p) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).not.toContain(draft);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    expect(seen).toHaveLength(6); // five here plus the one published earlier

    const found = await t.http.get(`${API}/plans`).query({ q: 'компьютер' }).expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([ids[2]]);

    const drafts = await t.http.get(`${API}/plans`).query({ status: 'draft' }).set(organizer.auth).expect(200);
    expect(drafts.body.items.map((p: { id: string }) => p.id)).toContain(draft);
    expect(drafts.body.items.every((p: { status: string }) => p.status === 'draft')).toBe(true);
    const anonDrafts = await t.http.get(`${API}/plans`).query({ status: 'draft' }).expect(200);
    expect(anonDrafts.body.items).toEqual([]);

    const open = await t.http.get(`${API}/plans`).query({ status: 'stage1_open', organizationId: org.id }).expect(200);
    expect(open.body.items).toHaveLength(6);
    t.clock.set(new Date('2027-03-26T00:00:00+05:00'));
    const openLater = await t.http.get(`${API}/plans`).query({ status: 'stage1_open', organizationId: org.id }).expect(200);
    expect(openLater.body.items).toHaveLength(0);
    const awaiting = await t.http.get(`${API}/plans`).query({ status: 'awaiting_hearing', organizationId: org.id }).expect(200);
    expect(awaiting.body.items).toHaveLength(6);
    expect(awaiting.body.items[0].status).toBe('awaiting_hearing');

    await t.http.get(`${API}/plans`).query({ cursor: 'garbage' }).expect(400);
    await t.http.get(`${API}/plans`).query({ limit: 101 }).expect(400);
  });
});
