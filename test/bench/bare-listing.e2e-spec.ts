import type { FastifyInstance } from 'fastify';
import { createBareApp } from '../../bench/bare/app';
import type { DemoWorld } from '../support/demo-world';
import { seedDemoWorld } from '../support/demo-world';
import { createTestDatabase } from '../support/test-db';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { sameAnswersOnEveryPage } from './same-answers';

/**
 * The bench compares the service's plan listing with the bare handler's: for that ratio to measure the
 * service's layers and nothing else, the bare handler must answer the same body (each item's hearing,
 * protocol, notice and outcome, localized the same way), not a lighter one.
 */
describe("the bare handler's plan listing", () => {
  let t: TestApp;
  let world: DemoWorld;
  let bare: FastifyInstance;

  beforeAll(async () => {
    const url = await createTestDatabase();
    t = await startTestApp({ databaseUrl: url });
    world = await seedDemoWorld(t);
    await rescheduleDemoHearing();
    bare = await createBareApp(url, t.config.procedure, () => t.clock.now());
  });
  afterAll(async () => {
    await bare?.close();
    await t?.close();
  });

  /** The demo hearings have no history yet: the upcoming one moved to another allowed day, with a room in two languages. */
  async function rescheduleDemoHearing(): Promise<void> {
    const base = `/api/v1/plans/${world.hearingPlanId}`;
    const plan = await t.http.get(base).expect(200);
    const organizer = plan.body.organization.id === world.akimat.id ? world.organizers.akimat : world.organizers.health;
    const allowed = await t.http.get(`${base}/hearing/allowed-dates`).expect(200);
    const dates = (allowed.body.dates as { date: string; allowed: boolean }[]).filter(
      (d) => d.allowed && d.date !== plan.body.hearing.localDate,
    );
    await t.http
      .put(`${base}/hearing`)
      .set(organizer.auth)
      .send({ startsAt: `${dates[0].date}T15:00:00+05:00`, room: { kk: '3-зал', ru: 'Зал 3' } })
      .expect(200);
  }

  /** Every page of a listing (2 plans a page), the service's and the bare handler's compared; the service's items. */
  const comparePages = (listing: string) => sameAnswersOnEveryPage(t, bare, listing, 2);

  it('answers an anonymous Russian reader exactly what the service answers, page after page of the default listing', async () => {
    const seen = await comparePages('/api/v1/plans');
    expect(seen).toHaveLength(5); // the six demo plans but the draft
    // the pages compared hold what makes an item heavier than the plan itself
    const present = (key: string) => seen.map((p) => p[key] as Record<string, unknown> | null).filter((x) => x !== null);
    expect(present('hearing').length).toBeGreaterThan(1);
    expect(present('hearing').some((h) => (h.history as Record<string, unknown>[]).some((c) => c.i18n !== undefined))).toBe(true);
    expect(present('protocol').length).toBeGreaterThan(0);
    expect(present('protocol').some((p) => (p.questions as unknown[]).length > 0 && (p.decisions as unknown[]).length > 0)).toBe(true);
    expect(present('notice').length).toBeGreaterThan(0);
    expect(present('notice').some((n) => (n.documents as unknown[]).length > 0)).toBe(true);
    expect(present('outcome').length).toBeGreaterThan(0);
    expect(new Set(seen.map((p) => p.status)).size).toBeGreaterThan(3);
  });

  it('answers the same for the filters the bench lists with', async () => {
    const q = (s: string) => encodeURIComponent(s);
    const all = await comparePages('/api/v1/plans');
    const roads = all.find((p) => (p.title as string).startsWith('Ремонт'))!;
    const listings = [
      '/api/v1/plans?status=stage1_open',
      '/api/v1/plans?status=closed',
      `/api/v1/plans?organizationId=${world.akimat.id}`,
      `/api/v1/plans?organizationId=${world.health.id}`,
      `/api/v1/plans?q=${q('ремонт')}`,
      `/api/v1/plans?q=${q('жөндеу')}`,
      `/api/v1/plans?q=${q('ремонт')}&status=${roads.status as string}&organizationId=${(roads.organization as { id: string }).id}`,
    ];
    const found: Record<string, number> = {};
    for (const listing of listings) found[listing] = (await comparePages(listing)).length;
    // each filter finds something (so its pages compared items, not two empty lists)
    expect(Object.values(found).every((n) => n > 0)).toBe(true);
  });
});
