import type { FastifyInstance } from 'fastify';
import { createBareApp } from '../../bench/bare/app';
import { Plan } from '../../src/plans/plan.entity';
import { seedDemoWorld } from '../support/demo-world';
import { createTestDatabase } from '../support/test-db';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { sameAnswersOnEveryPage } from './same-answers';

/**
 * The bench compares the service's remark page with the bare handler's: for that ratio to measure the
 * service's layers and nothing else, the bare handler must answer the same body (the same fields, texts
 * masked the same way, the same verdict windows), not a lighter one.
 */
describe("the bare handler's remark page", () => {
  let t: TestApp;
  let bare: FastifyInstance;

  beforeAll(async () => {
    const url = await createTestDatabase();
    t = await startTestApp({ databaseUrl: url });
    await seedDemoWorld(t);
    bare = await createBareApp(url, t.config.procedure);
  });
  afterAll(async () => {
    await bare?.close();
    await t?.close();
  });

  it('answers an anonymous Russian reader exactly what the service answers, page after page of every demo plan', async () => {
    const plans = await t.db.getRepository(Plan).find();
    const seen: Record<string, unknown>[] = [];
    for (const plan of plans.filter((p) => p.publishedAt !== null))
      seen.push(...(await sameAnswersOnEveryPage(t, bare, `/api/v1/plans/${plan.id}/remarks`, 3)));
    // the pages compared hold what makes the service's answer heavier than a plain listing
    const answers = seen.map((r) => r.answer as Record<string, unknown> | null).filter((a) => a !== null);
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.some((a) => (a.history as unknown[]).length > 0)).toBe(true);
    expect(answers.some((a) => a.verdict !== null)).toBe(true);
    expect(seen.some((r) => r.hidden !== null)).toBe(true);
    expect(seen.some((r) => r.personalDataMasked === true)).toBe(true);
  });
});
