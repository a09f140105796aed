import type { LoadResult, LoadSpec } from './load';
import type { Pair } from './load';
import type { SeedInfo } from './seed';
import { REMARKS_KK, REMARKS_RU } from './texts';
import { scaled, sleep, withClient } from './common';

/** Remarks stored against 2xx answers (warm-ups included), per target. */
export type Stored = { service: number; serviceOk: number; bare: number; bareOk: number };

/** What these scenarios need of the running targets (see run.ts). */
export interface SubmissionTargets {
  url: string;
  info: SeedInfo;
  bearer: string[];
  pair: (
    label: string,
    spec: LoadSpec,
    rounds?: number,
    afterRun?: (target: 'service' | 'bare', r: LoadResult) => Promise<void>,
  ) => Promise<Pair>;
}

/**
 * Numbers every submission of the run, whatever the scenario, so no two bodies are the same: the same
 * author's same text on a plan is a duplicate, which the service refuses.
 */
let submissions = 0;

/** A remark body in Russian (3 of 5) or Kazakh, unique in the run (`i` from `submissions`). */
function remarkBody(i: number): string {
  const texts = i % 5 < 3 ? REMARKS_RU : REMARKS_KK;
  return JSON.stringify({ body: `${texts[i % texts.length]} (нагрузка ${i})` });
}

/** Submissions by the load citizens spread over the open plans (a different citizen and plan each time). */
export function spreadSubmissions(t: SubmissionTargets, connections: number, ratePerConnection?: number): LoadSpec {
  return {
    connections,
    ratePerConnection,
    request: () => {
      const i = submissions++;
      return {
        method: 'POST',
        path: `/api/v1/plans/${t.info.openPlanIds[i % t.info.openPlanIds.length]}/remarks`,
        headers: { authorization: t.bearer[(i * 7) % t.bearer.length] },
        body: remarkBody(i),
      };
    },
  };
}

/**
 * Counts the remarks stored (all, or one plan's) after each run against the 2xx answers of that
 * run: the pair's `afterRun` and the running totals.
 */
export async function storedCounter(t: SubmissionTargets, planId?: string) {
  const count = () =>
    withClient(
      t.url,
      async (c) =>
        (
          await c.query<{ n: number }>(
            planId ? 'SELECT count(*)::int AS n FROM remarks WHERE plan_id = $1' : 'SELECT count(*)::int AS n FROM remarks',
            planId ? [planId] : [],
          )
        ).rows[0].n,
    );
  // requests a run abandoned in flight may still commit: count once the figure stops moving
  const settled = async () => {
    let before = await count();
    for (let i = 0; i < 20; i++) {
      await sleep(250);
      const now = await count();
      if (now === before) return now;
      before = now;
    }
    return before;
  };
  const stored: Stored = { service: 0, serviceOk: 0, bare: 0, bareOk: 0 };
  let last = await settled();
  const afterRun = async (target: 'service' | 'bare', r: LoadResult) => {
    const now = await settled();
    stored[target] += now - last;
    stored[target === 'service' ? 'serviceOk' : 'bareOk'] += r.okWithWarmup;
    last = now;
  };
  return { stored, afterRun };
}

/** Connections and requests per second of each in the steady-rate figures: 20 x 10/s = 200/s. */
export const STEADY = { connections: 20, ratePerConnection: 10 };

/**
 * 1b. What a user feels at a realistic load: submissions at a steady 200/s, spread evenly over
 * the second, and the big plan's first remark page at the same pace.
 */
export async function steadyScenario(t: SubmissionTargets): Promise<{ submit: Pair & { stored: Stored }; page: Pair }> {
  const counter = await storedCounter(t);
  const submit = await t.pair('steady-submit', spreadSubmissions(t, STEADY.connections, STEADY.ratePerConnection), 1, counter.afterRun);
  const page = await t.pair('steady-page', {
    ...STEADY,
    request: () => ({ method: 'GET', path: `/api/v1/plans/${t.info.bigPlanId}/remarks?limit=10` }),
  });
  return { submit: { ...submit, stored: counter.stored }, page };
}

/** Citizens (one connection each) submitting to the one plan in the hot-plan figure. */
export const HOT_CITIZENS = 1_000;
/** Remarks each of them submits, one after the other (1 in a reduced run). */
const HOT_REMARKS_EACH = scaled(5, 1);

/**
 * 1c. A hot plan: 1,000 citizens submitting to one plan at once, each on a connection of its own
 * with its own token, each sending its next remark when the last is answered, until every one has
 * sent HOT_REMARKS_EACH (so no request is abandoned in flight); remarks stored against those
 * acknowledged.
 */
export async function hotPlanScenario(
  t: SubmissionTargets,
): Promise<Pair & { stored: Stored; citizens: number; remarksEach: number; planRemarksBefore: number }> {
  const citizens = Math.min(HOT_CITIZENS, t.bearer.length);
  const planId = t.info.bigPlanId;
  const counter = await storedCounter(t, planId);
  const planRemarksBefore = await withClient(
    t.url,
    async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM remarks WHERE plan_id = $1', [planId])).rows[0].n,
  );
  const hot: LoadSpec = {
    connections: citizens,
    amount: citizens * HOT_REMARKS_EACH,
    connectionHeaders: (connection) => ({ authorization: t.bearer[connection % citizens] }),
    request: () => {
      return { method: 'POST', path: `/api/v1/plans/${planId}/remarks`, body: remarkBody(submissions++) };
    },
  };
  const measured = await t.pair('hot-plan', hot, 1, counter.afterRun);
  return { ...measured, stored: counter.stored, citizens, remarksEach: HOT_REMARKS_EACH, planRemarksBefore };
}
