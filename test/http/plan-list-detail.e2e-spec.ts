import type { DemoWorld } from '../support/demo-world';
import { seedDemoWorld } from '../support/demo-world';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { captureStatements } from '../support/statements';

/** Issue 17: GET /plans items carry what GET /plans/{id} has (hearing, protocol, notice, outcome), batch-loaded. */
const API = '/api/v1';
const SHARED = ['hearing', 'protocol', 'notice', 'outcome'] as const;

type Json = Record<string, unknown>;

describe('GET /plans agrees with GET /plans/{id}', () => {
  let t: TestApp;
  let world: DemoWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedDemoWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it.each(['en', 'kk'])(
    'every published demo plan in the list (%s) has its detail’s hearing, protocol, notice and outcome, field by field',
    async (lang) => {
      const list = await t.http.get(`${API}/plans?limit=50`).set('Accept-Language', lang).expect(200);
      const items = list.body.items as Json[];
      expect(items.length).toBeGreaterThanOrEqual(5);
      const filled = new Set<string>();
      for (const item of items) {
        const detail = (
          await t.http
            .get(`${API}/plans/${item.id as string}`)
            .set('Accept-Language', lang)
            .expect(200)
        ).body as Json;
        for (const key of SHARED) {
          expect({ plan: item.id, key, value: item[key] }).toEqual({ plan: item.id, key, value: detail[key] });
          if (item[key] !== null) filled.add(key);
        }
        // the rest of the item is the detail's too
        for (const [key, value] of Object.entries(item)) expect({ key, value }).toEqual({ key, value: detail[key] });
        // detail only
        expect(item).not.toHaveProperty('review');
        expect(item).not.toHaveProperty('commitments');
        expect(item).not.toHaveProperty('moderation');
      }
      // the demo has a plan at every step: the comparison is not of nulls only
      expect([...filled].sort()).toEqual([...SHARED].sort());
      expect(items.find((i) => i.id === world.closedId)?.outcome).not.toBeNull();
      expect(items.find((i) => i.id === world.hearingPlanId)?.hearing).not.toBeNull();
    },
  );

  // The steps' batched reads (hearings, their changes, protocols, notices, outcomes); the page's own statements are the same for any size.
  it('loads the steps of a page of plans in as many statements as for a page of one (no query per plan)', async () => {
    const STEP_TABLES = /FROM "(hearings|hearing_changes|protocols|notices|outcomes)"/;
    const statementsFor = async (limit: number) => {
      const sent = await captureStatements(t.db, async () => {
        const res = await t.http.get(`${API}/plans?limit=${limit}`).expect(200);
        expect(res.body.items).toHaveLength(limit);
      });
      return sent.filter(([sql]) => STEP_TABLES.test(sql)).length;
    };
    const one = await statementsFor(1);
    const all = await statementsFor(5);
    expect(one).toBeGreaterThan(0);
    // hearings, their changes (only read when a hearing is on the page), protocols, notices, outcomes
    expect(all).toBeLessThanOrEqual(one + 1);
    expect(all).toBeLessThanOrEqual(5);
  });
});
