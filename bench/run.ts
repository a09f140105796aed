import 'reflect-metadata';
import { hash } from 'argon2';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../src/common/clock';
import type { AppConfig } from '../src/config/config';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { TokenService } from '../src/identity/auth/token.service';
import { encodeCursor } from '../src/plans/cursor';
import { answerEmail } from '../src/notifications/emails/answer.email';
import { renderTemplate } from '../src/notifications/emails/render';
import {
  ask,
  BENCH_DIR,
  DIST,
  DURATION,
  freePort,
  log,
  SCALE,
  scaled,
  sleep,
  spawnNode,
  stopChild,
  waitForOk,
  waitMessage,
  WARMUP,
  withClient,
} from './common';
import { exportScenario } from './export';
import type { LoadResult, LoadSpec } from './load';
import { measure } from './load';
import type { BenchResults } from './report';
import { writeReport } from './report';
import type { SeedInfo } from './seed';
import { seed, seedSweepPlans } from './seed';
import { REMARKS_KK, REMARKS_RU } from './texts';
import type { SubmissionTargets } from './submissions';
import { hotPlanScenario, spreadSubmissions, steadyScenario, storedCounter } from './submissions';
import { LocalizedText } from '../src/common/i18n/localized-text';

const SERVICE = join(DIST, 'src', 'main.js');
/** BENCH_ONLY=submit,dispatch runs only those scenarios (while working on one); BENCHMARKS.md is then left alone. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const SCENARIOS = ['cold', 'submit', 'steady', 'pages', 'lists', 'hot', 'dispatch', 'sweep', 'export'] as const;
const runs = (scenario: (typeof SCENARIOS)[number]) => !ONLY || ONLY.has(scenario);
const BARE = join(DIST, 'bench', 'bare', 'main.js');
/** Alternating service/bare rounds of the submission and remark-page figures (the median is reported). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));

async function coldStart(): Promise<BenchResults['coldStart']> {
  const dir = join(BENCH_DIR, 'cold');
  const once = async (label: string) => {
    const port = await freePort();
    const started = Date.now();
    const child = spawnNode(`cold-${label}`, SERVICE, {
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      SMTP_URL: '',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    });
    await waitForOk(`http://127.0.0.1:${port}/health`, child, 60_000, 10);
    const ms = Date.now() - started;
    await stopChild(child);
    log(`cold start (${label}): ${ms} ms to a green /health`);
    return ms;
  };
  const fresh = await once('fresh');
  const restart = await once('restart');
  return { freshMs: fresh, restartMs: restart };
}

async function startDatabase(): Promise<{ url: string; db: EmbeddedDatabase | null; tuned: string[] }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, db: null, tuned: [] };
  const dir = join(BENCH_DIR, 'db');
  let db = await startEmbeddedPostgres(dir);
  // Settings of a database server sized for this machine (24 GiB); durability settings stay at their defaults.
  const tuned = [
    `shared_buffers = '2GB'`,
    `effective_cache_size = '12GB'`,
    `work_mem = '16MB'`,
    `maintenance_work_mem = '1GB'`,
    `max_wal_size = '8GB'`,
    `checkpoint_timeout = '30min'`,
    `random_page_cost = 1.1`,
    `shared_preload_libraries = 'pg_stat_statements'`,
  ];
  await withClient(db.url, async (c) => {
    for (const setting of tuned) await c.query(`ALTER SYSTEM SET ${setting}`);
  });
  await db.stop();
  db = await startEmbeddedPostgres(dir);
  return { url: db.url, db, tuned };
}

/** The running targets: what the submission scenarios need (submissions.ts), and the processes behind them. */
interface Targets extends SubmissionTargets {
  sink: ChildProcess;
  smtpPort: number;
  secret: string;
  service: ChildProcess;
  serviceUrl: string;
  bare: ChildProcess;
  /** Saves the statements pg_stat_statements counted since the last call under `label`, and resets them. */
  statements: (label: string) => Promise<void>;
}

async function recordsStatements(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    try {
      await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await c.query('SELECT pg_stat_statements_reset()');
      return true;
    } catch {
      return false;
    }
  });
}

function statementsWriter(url: string, hasStatements: boolean): Targets['statements'] {
  return async (label: string) => {
    if (!hasStatements) return;
    await withClient(url, async (c) => {
      const { rows } = await c.query(
        `SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 300) AS query
         FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 25`,
      );
      writeFileSync(join(BENCH_DIR, `statements-${label}.json`), JSON.stringify(rows, null, 2));
      await c.query('SELECT pg_stat_statements_reset()');
    });
  };
}

/**
 * Service and bare in turn, `rounds` times (alternating, so a drift of the machine's load hits
 * both alike, and each going first in every other round); the round with the median ratio is
 * reported, every round is kept.
 */
function pairMeasurer(t: Pick<Targets, 'service' | 'bare' | 'statements'>, serviceUrl: string, bareUrl: string): Targets['pair'] {
  return async (label, spec, rounds = 1, afterRun) => {
    const all: { service: LoadResult; bare: LoadResult }[] = [];
    for (let i = 0; i < rounds; i++) {
      const tag = rounds > 1 ? `${label}-round${i + 1}` : label;
      await t.statements(`before-${tag}`);
      const run = async (who: 'service' | 'bare') => {
        const r = await measure(who === 'service' ? serviceUrl : bareUrl, spec, t[who].pid);
        await t.statements(`${who}-${tag}`);
        await afterRun?.(who, r);
        return r;
      };
      // neither always meets a database the other just warmed or left busy
      let s: LoadResult, b: LoadResult;
      if (i % 2 === 0) {
        s = await run('service');
        b = await run('bare');
      } else {
        b = await run('bare');
        s = await run('service');
      }
      log(
        `${tag}: service ${s.rps.toFixed(0)} req/s p50 ${s.p50} p99 ${s.p99} ms (non-2xx ${s.non2xx}, errors ${s.errors}); ` +
          `bare ${b.rps.toFixed(0)} req/s p50 ${b.p50} p99 ${b.p99} ms (non-2xx ${b.non2xx}); ratio ${(s.rps / b.rps).toFixed(2)}; ` +
          `CPU per request ${s.cpuMsPerRequest.toFixed(2)} / ${b.cpuMsPerRequest.toFixed(2)} ms`,
      );
      all.push({ service: s, bare: b });
    }
    const byRatio = [...all].sort((x, y) => x.service.rps / x.bare.rps - y.service.rps / y.bare.rps);
    const median = byRatio[Math.floor((byRatio.length - 1) / 2)];
    return { ...median, rounds: all.map((r) => ({ service: r.service.rps, bare: r.bare.rps, ratio: r.service.rps / r.bare.rps })) };
  };
}

/** The SMTP sink, the service and the bare handler on the seeded database, each ready. */
async function startTargets(url: string, info: SeedInfo, hasStatements: boolean, children: ChildProcess[]): Promise<Targets> {
  const sink = spawnNode('smtp-sink', join(DIST, 'bench', 'smtp-sink.js'), {}, true);
  children.push(sink);
  const { port: smtpPort } = await waitMessage<{ port: number }>(sink, 'ready');
  const secret = randomBytes(32).toString('base64url');
  const servicePort = await freePort();
  const barePort = await freePort();
  const service = spawnNode('service', SERVICE, {
    DATABASE_URL: url,
    PORT: String(servicePort),
    HOST: '127.0.0.1',
    SESSION_SECRET: secret,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    DATA_DIR: join(BENCH_DIR, 'service-data'),
    DEMO_DATA: 'false',
    // the load posts thousands of remarks from a few hundred citizens within minutes: the abuse limit
    // (20 per author, plan and hour) would refuse most of them; the bare handler runs its count all the same
    REMARKS_PER_HOUR: '100000',
  });
  children.push(service);
  const bare = spawnNode('bare', BARE, { DATABASE_URL: url, PORT: String(barePort) });
  children.push(bare);
  await waitForOk(`http://127.0.0.1:${servicePort}/health`, service);
  await waitForOk(`http://127.0.0.1:${barePort}/api/v1/health`, bare);

  const tokens = new TokenService({ sessionSecret: secret, dataDir: BENCH_DIR } as AppConfig, new SystemClock());
  const bearer = info.loadCitizenIds.map((id) => `Bearer ${tokens.sign(id).token}`);
  const statements = statementsWriter(url, hasStatements);
  const pair = pairMeasurer({ service, bare, statements }, `http://127.0.0.1:${servicePort}`, `http://127.0.0.1:${barePort}`);
  return { url, info, sink, smtpPort, secret, service, serviceUrl: `http://127.0.0.1:${servicePort}`, bare, bearer, statements, pair };
}

/** 1. Remark submission by many verified citizens, 64 connections, as fast as answers come. */
async function submitScenario(t: Targets): Promise<BenchResults['submit']> {
  await t.statements('seed');
  const counter = await storedCounter(t);
  const measured = await t.pair('submit', spreadSubmissions(t, 64), ROUNDS, counter.afterRun);
  return { ...measured, stored: counter.stored };
}

const page = (path: string): LoadSpec => ({ connections: 32, request: () => ({ method: 'GET', path }) });

/** 2. Remark pages: the plan with many remarks (first and a deep page) against the one with 10. */
async function pagesScenario(t: Targets): Promise<BenchResults['pages']> {
  const deep = await withClient(t.url, async (c) => {
    const { rows } = await c.query<{ created_at: Date; id: string }>(
      `SELECT created_at, id FROM remarks WHERE plan_id = $1 ORDER BY created_at, id OFFSET $2 LIMIT 1`,
      [t.info.bigPlanId, Math.floor(t.info.sizes.bigPlanRemarks * 0.99)],
    );
    return encodeCursor({ t: rows[0].created_at.toISOString(), id: rows[0].id });
  });
  return {
    bigFirst: await t.pair('page-big-first', page(`/api/v1/plans/${t.info.bigPlanId}/remarks?limit=10`), ROUNDS),
    bigDeep: await t.pair('page-big-deep', page(`/api/v1/plans/${t.info.bigPlanId}/remarks?limit=10&cursor=${deep}`), ROUNDS),
    smallFirst: await t.pair('page-small-first', page(`/api/v1/plans/${t.info.smallPlanId}/remarks?limit=10`), ROUNDS),
  };
}

/** 3. Plan search and listing with filters. */
async function listsScenario(t: Targets): Promise<BenchResults['lists']> {
  const lists: BenchResults['lists'] = {};
  const combinedOrg = await withClient(t.url, async (c) => {
    const { rows } = await c.query<{ organization_id: string }>(
      `SELECT organization_id FROM plans WHERE title->>'ru' ILIKE '%ремонт%' AND published_at IS NOT NULL AND stage1_closes_at >= now()
       GROUP BY organization_id ORDER BY count(*) DESC LIMIT 1`,
    );
    return rows[0]?.organization_id ?? t.info.organizationId;
  });
  const q = (s: string) => encodeURIComponent(s);
  const listings: Record<string, string> = {
    'newest published': '/api/v1/plans',
    'status=stage1_open': '/api/v1/plans?status=stage1_open',
    organizationId: `/api/v1/plans?organizationId=${t.info.organizationId}`,
    'q=ремонт (ru)': `/api/v1/plans?q=${q('ремонт')}`,
    'q=жөндеу (kk)': `/api/v1/plans?q=${q('жөндеу')}`,
    'q+status+organizationId': `/api/v1/plans?q=${q('ремонт')}&status=stage1_open&organizationId=${combinedOrg}`,
  };
  for (const [name, path] of Object.entries(listings)) lists[name] = await t.pair(`list ${name}`, page(path));
  return lists;
}

/** An answer e-mail in Russian and one in Kazakh, as the service renders them. */
function answerEmails(t: Targets) {
  return (['ru', 'kk'] as const).map((locale) =>
    renderTemplate(answerEmail, locale, {
      displayName: 'Айгерім Сәрсенова',
      planTitle: LocalizedText.of({
        ru: 'Капитальный ремонт кровли здания школы (г. Алматы, лот 42)',
        kk: 'Мектеп ғимаратының шатырын күрделі жөндеу (Алматы қ., 42-лот)',
      })!,
      remarkBody: locale === 'ru' ? REMARKS_RU[0] : REMARKS_KK[0],
      // in Russian only: the Kazakh e-mail quotes it marked as Russian
      answerBody: LocalizedText.single(
        'Цена определена по результатам мониторинга цен трёх поставщиков; расчёт опубликован в приложении 2.',
        'ru',
      )!,
      disposition: 'explained',
      correction: null,
      url: `http://localhost/plans/${t.info.bigPlanId}`,
      verdict: {
        url: 'http://localhost/remarks/00000000-0000-4000-8000-000000000000/verdict',
        closesAt: new Date(),
        timeZone: 'Asia/Almaty',
      },
    }),
  );
}

/** Queues `nMail` copies of the two e-mails, alternately, for addresses the sink counts. */
async function queueEmails(t: Targets, nMail: number, templates: ReturnType<typeof answerEmails>): Promise<void> {
  await withClient(t.url, (c) =>
    c.query(
      `INSERT INTO outbox_messages (dedupe_key, kind, recipient, locale, subject, text_body, html_body)
       SELECT 'bench-answer:' || g, 'answer', 'reader' || g || '@dispatch.bench.kz', t.locale, t.subject, t.text, t.html
       FROM generate_series(1, $1) g JOIN jsonb_to_recordset($2::jsonb) AS t(i int, locale text, subject text, text text, html text) ON t.i = g % 2`,
      [nMail, JSON.stringify(templates.map((m, i) => ({ i, locale: m.locale, subject: m.subject, text: m.text, html: m.html })))],
    ),
  );
}

/** 5. E-mail dispatch of queued outbox messages to the local SMTP server. */
async function dispatchScenario(t: Targets): Promise<BenchResults['dispatch']> {
  const nMail = scaled(10_000, 1_000);
  const templates = answerEmails(t);
  await ask(t.sink, { type: 'reset', recipients: '^reader\\d+@dispatch\\.bench\\.kz$' });
  const queuedAt = Date.now();
  await queueEmails(t, nMail, templates);
  const pendingNow = () =>
    withClient(
      t.url,
      async (c) =>
        (
          await c.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending' AND dedupe_key LIKE 'bench-answer:%'`,
          )
        ).rows[0].n,
    );
  const dispatchDeadline = Date.now() + 600_000;
  while ((await pendingNow()) > 0 && Date.now() < dispatchDeadline) await sleep(100);
  const drainedMs = Date.now() - queuedAt;
  await t.statements('dispatch');
  const sinkStats = await ask<{ received: number; unique: number; duplicates: number; other: number; firstAt: number; lastAt: number }>(
    t.sink,
    { type: 'stats' },
  );
  const outboxState = await withClient(
    t.url,
    async (c) =>
      (
        await c.query<{ sent: number; failed: number; pending: number; span: number }>(
          `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'pending')::int AS pending, extract(epoch FROM max(sent_at) - min(sent_at))::float8 AS span
       FROM outbox_messages WHERE dedupe_key LIKE 'bench-answer:%'`,
        )
      ).rows[0],
  );
  const dispatch = {
    messages: nMail,
    endToEndMs: drainedMs,
    perSecond: nMail / (drainedMs / 1000),
    firstToLastPerSecond: sinkStats.lastAt > sinkStats.firstAt ? sinkStats.received / ((sinkStats.lastAt - sinkStats.firstAt) / 1000) : 0,
    received: sinkStats.received,
    unique: sinkStats.unique,
    duplicates: sinkStats.duplicates,
    other: sinkStats.other,
    ...outboxState,
  };
  log(
    `dispatch: ${nMail} messages in ${drainedMs} ms = ${dispatch.perSecond.toFixed(0)}/s; sink got ${sinkStats.received} (${sinkStats.duplicates} duplicated; ${sinkStats.other} other messages of the service meanwhile)`,
  );
  return dispatch;
}

/** 4. The sweep when many plans pass the stage-1 deadline at once, on two instances together. */
async function sweepScenario(t: Targets, children: ChildProcess[]): Promise<BenchResults['sweep']> {
  const nSweep = scaled(100_000, 2_000);
  await withClient(t.url, (c) => seedSweepPlans(c, nSweep));
  const workerEnv = {
    DATABASE_URL: t.url,
    SESSION_SECRET: t.secret,
    DATA_DIR: join(BENCH_DIR, 'service-data'),
    LOG_LEVEL: 'warn',
    SMTP_URL: `smtp://127.0.0.1:${t.smtpPort}`,
  };
  const workers = [0, 1].map((i) => spawnNode(`sweep-worker-${i}`, join(DIST, 'bench', 'sweep-worker.js'), workerEnv, true));
  children.push(...workers);
  await Promise.all(workers.map((w) => waitMessage(w, 'ready')));
  await t.statements('before-sweep');
  type SweepDone = { stage1Closed: number; overdueRemarks: number; stage2Closed: number; ms: number; error?: string };
  const sweepStarted = Date.now();
  const passes = await Promise.all(workers.map((w) => ask<SweepDone>(w, { type: 'sweep' })));
  const sweepMs = Date.now() - sweepStarted;
  await t.statements('sweep');
  const again = await ask<SweepDone>(workers[0], { type: 'sweep' });
  const sweepCheck = await withClient(
    t.url,
    async (c) =>
      (
        await c.query<{ swept: number; unswept: number; emails: number; distinct_keys: number; staff: number }>(
          `SELECT (SELECT count(*) FROM plans p JOIN plan_deadline_sweeps s ON s.plan_id = p.id AND s.deadline = 'stage1_closed'
                   WHERE p.title->>'ru' LIKE '%(лот С-%')::int AS swept,
              (SELECT count(*) FROM plans p WHERE p.stage1_closed_swept_at IS NULL AND p.stage1_closes_at < now()
                 AND NOT EXISTS (SELECT 1 FROM plan_deadline_sweeps s WHERE s.plan_id = p.id AND s.deadline = 'stage1_closed'))::int AS unswept,
              (SELECT count(*) FROM outbox_messages WHERE kind = 'stage1_closed')::int AS emails,
              (SELECT count(DISTINCT dedupe_key) FROM outbox_messages WHERE kind = 'stage1_closed')::int AS distinct_keys,
              (SELECT count(*) FROM users WHERE role = 'organizer')::int AS staff`,
        )
      ).rows[0],
  );
  for (const w of workers) await stopChild(w);
  const sweep = {
    plans: nSweep,
    ms: sweepMs,
    perInstance: passes.map((p) => ({ claimed: p.stage1Closed, ms: p.ms, error: p.error ?? null })),
    claimedTotal: passes.reduce((s, p) => s + p.stage1Closed, 0),
    secondPass: again.stage1Closed,
    ...sweepCheck,
    expectedEmails: nSweep * 2,
  };
  log(
    `sweep: ${nSweep} plans in ${sweepMs} ms on 2 instances (${sweep.perInstance.map((p) => p.claimed).join(' + ')}); e-mails ${sweepCheck.emails}; second pass ${again.stage1Closed}`,
  );
  return sweep;
}

function machineInfo(): BenchResults['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: '',
    loadAtStart: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

/** Seeds the database, runs the scenarios against the service and the bare handler, and writes the figures. */
async function measureAll(url: string, machine: BenchResults['machine'], children: ChildProcess[]) {
  await runMigrations(url);
  machine.postgres = await withClient(
    url,
    async (c) => (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v,
  );
  const hasStatements = await recordsStatements(url);
  log('seeding');
  const password = 'Bench-password-2027';
  const passwordHash = await hash(password, { type: 2 });
  const info = await withClient(url, (c) => seed(c, passwordHash));
  log(`seeded ${JSON.stringify(info.sizes)} in ${info.seconds.toFixed(1)} s`);

  const t = await startTargets(url, info, hasStatements, children);
  const submit = runs('submit') ? await submitScenario(t) : null;
  const steady = runs('steady') ? await steadyScenario(t) : null;
  const pages = runs('pages') ? await pagesScenario(t) : null;
  const lists = runs('lists') ? await listsScenario(t) : {};
  // after the pages: it adds remarks to the big plan
  const hotPlan = runs('hot') ? await hotPlanScenario(t) : null;
  const dispatch = runs('dispatch') ? await dispatchScenario(t) : null;
  const exportRemarks = runs('export') ? await exportScenario(url, t.serviceUrl, t.service) : null;
  await stopChild(t.service);
  await stopChild(t.bare);
  const sweep = runs('sweep') ? await sweepScenario(t, children) : null;
  return { seed: info, submit, steady, pages, lists, hotPlan, dispatch, sweep, exportRemarks };
}

async function main(): Promise<void> {
  const unknown = [...(ONLY ?? [])].filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown scenario ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  const runStarted = Date.now();
  rmSync(BENCH_DIR, { recursive: true, force: true });
  mkdirSync(BENCH_DIR, { recursive: true });
  log(`scale ${SCALE}, ${WARMUP} s warm-up + ${DURATION} s per measurement; logs under ${BENCH_DIR}`);
  const machine = machineInfo();
  const coldStartResult = runs('cold') ? await coldStart() : { freshMs: NaN, restartMs: NaN };

  log('starting the benchmark database');
  const { url, db, tuned } = await startDatabase();
  const children: ChildProcess[] = [];
  try {
    const measured = await measureAll(url, machine, children);
    const results = {
      date: new Date().toISOString(),
      scale: SCALE,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      rounds: ROUNDS,
      machine,
      postgresSettings: tuned,
      ...measured,
      coldStart: coldStartResult,
      totalSeconds: (Date.now() - runStarted) / 1000,
    };
    writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2));
    if (ONLY) {
      log(
        `done in ${results.totalSeconds.toFixed(0)} s; BENCH_ONLY was set, so BENCHMARKS.md is left as it was (figures in ${BENCH_DIR}/results.json)`,
      );
    } else {
      writeReport(results as BenchResults);
      log(`done in ${results.totalSeconds.toFixed(0)} s; BENCHMARKS.md written`);
    }
  } finally {
    for (const child of children) await stopChild(child).catch(() => undefined);
    await db?.stop().catch(() => undefined);
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
