import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SystemClock } from '../../../src/common/clock';
import { loadConfig } from '../../../src/config/config';
import { TokenService } from '../../../src/identity/auth/token.service';
import { makeBin } from '../../support/factories';
import { withDatabase } from '../../support/test-db';
import type { ServiceInstance } from './service';
import { SESSION_SECRET } from './service';
import type { FaultSmtp } from './smtp';
import { http, sleep, waitUntil } from './util';

const API = '/api/v1';

export interface Person {
  id: string;
  email: string;
  auth: Record<string, string>;
}

export interface World {
  run: string;
  plans: { id: string; organizer: Person }[];
  citizens: Person[];
}

/**
 * Organizations, organizers and verified citizens straight into the database (their tokens are
 * signed with the instances' SESSION_SECRET), and one published plan per organization via the API.
 */
export async function createWorld(
  databaseUrl: string,
  instance: ServiceInstance,
  options: { organizations: number; citizens: number },
): Promise<World> {
  const run = randomBytes(3).toString('hex');
  const tokens = new TokenService(loadConfig({ SESSION_SECRET }), new SystemClock());
  const person = (id: string, email: string): Person => ({ id, email, auth: { authorization: `Bearer ${tokens.sign(id).token}` } });
  const { organizers, citizens } = await withDatabase(databaseUrl, async (db) => {
    // published texts are jsonb {kk, ru, en} (issue 15)
    const en = (text: string) => JSON.stringify({ kk: null, ru: null, en: text });
    const [council] = await db.query(`INSERT INTO councils (name) VALUES ($1) RETURNING id`, [en(`Council ${run}`)]).then((r) => r.rows);
    const organizers: Person[] = [];
    for (let i = 0; i < options.organizations; i++) {
      const [org] = (
        await db.query(`INSERT INTO organizations (name, bin, address, council_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
          en(`Akimat ${run}-${i}`),
          makeBin(),
          en('Almaty, Abai 1'),
          council.id,
        ])
      ).rows;
      const email = `organizer-${run}-${i}@fault.test`;
      const [u] = (
        await db.query(
          `INSERT INTO users (email, email_key, password_hash, display_name, locale, role, organization_id, email_verified_at)
           VALUES ($1, $1, 'not-a-hash', $2, 'en', 'organizer', $3, now()) RETURNING id`,
          [email, `Organizer ${i}`, org.id],
        )
      ).rows;
      organizers.push(person(u.id, email));
    }
    const emails = Array.from({ length: options.citizens }, (_, i) => `citizen-${run}-${i}@fault.test`);
    const rows = (
      await db.query(
        `INSERT INTO users (email, email_key, password_hash, display_name, locale, role, email_verified_at)
         SELECT e, e, 'not-a-hash', 'Citizen ' || split_part(e, '@', 1), 'en', 'citizen', now() FROM unnest($1::text[]) AS e RETURNING id, email`,
        [emails],
      )
    ).rows as { id: string; email: string }[];
    return { organizers, citizens: rows.map((r) => person(r.id, r.email)) };
  });
  const plans: World['plans'] = [];
  for (const organizer of organizers) {
    const created = await http('POST', `${instance.url}${API}/plans`, {
      headers: organizer.auth,
      body: {
        title: { kk: `Жол жөндеу ${run}`, ru: `Ремонт дорог ${run}`, en: `Road repair ${run}` },
        description: { kk: 'Аудан көшелерін жөндеу', ru: 'Ремонт улиц района', en: 'Repair of the streets of the district' },
        subjectCode: '421110.000.000000',
        amount: 150_000_000,
        method: 'open_tender',
      },
    });
    if (created.status !== 201) throw new Error(`plan not created: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await http('POST', `${instance.url}${API}/plans/${created.body.id}/publish`, { headers: organizer.auth });
    if (published.status !== 200) throw new Error(`plan not published: ${published.status} ${JSON.stringify(published.body)}`);
    plans.push({ id: created.body.id, organizer });
  }
  return { run, plans, citizens };
}

export interface LoadOptions {
  remarksPerCitizen: number;
  /** Pause of each citizen between two remarks. */
  thinkMs: number;
  answerWorkers: number;
  /** A request that keeps failing (network error, 5xx) is retried with the same Idempotency-Key this long. */
  retryForMs: number;
}

export interface LoadStats {
  remarksAttempted: number;
  remarkRequests: number;
  remarkRetries: number;
  /** tag -> remark id from the 2xx answer */
  accepted: Map<string, string>;
  remarkRefused: { tag: string; status: number; code: string }[];
  remarkGaveUp: string[];
  answerRequests: number;
  answerRetries: number;
  /** remark id -> tag, for remarks whose answer got a 2xx (or 409 ALREADY_ANSWERED on a retry) */
  answered: Map<string, string>;
  answerGaveUp: string[];
  failuresByKind: Record<string, number>;
  /** milliseconds of every request that got an HTTP answer, by kind */
  latencies: { remark: number[]; answer: number[] };
  durationMs: number;
}

type Outcome = { ok: true; body: any } | { ok: false; status: number; code: string };

/**
 * Sends one request to a random instance until it gets an answer that is not a network error or a
 * 5xx, as a client behind a load balancer with retries would.
 */
async function withRetries(
  instances: ServiceInstance[],
  stats: LoadStats,
  retryForMs: number,
  kind: 'remark' | 'answer',
  send: (base: string) => Promise<{ status: number; body: any }>,
): Promise<Outcome | null> {
  const deadline = Date.now() + retryForMs;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      if (kind === 'remark') stats.remarkRetries++;
      else stats.answerRetries++;
    }
    const target = instances[Math.floor(Math.random() * instances.length)];
    let failure: string;
    try {
      if (kind === 'remark') stats.remarkRequests++;
      else stats.answerRequests++;
      const sentAt = Date.now();
      const res = await send(target.url);
      stats.latencies[kind].push(Date.now() - sentAt);
      if (res.status >= 200 && res.status < 300) return { ok: true, body: res.body };
      const code = String(res.body?.error?.code ?? res.status);
      if (res.status < 500) return { ok: false, status: res.status, code };
      failure = `${kind} ${res.status} ${code}`;
    } catch (error) {
      failure = `${kind} network ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
    stats.failuresByKind[failure] = (stats.failuresByKind[failure] ?? 0) + 1;
    if (Date.now() > deadline) return null;
    await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
}

/**
 * Many citizens post remarks concurrently (each with an Idempotency-Key) to random instances while
 * the organizers answer every accepted remark. `during` runs alongside (the fault to inject).
 */
export async function runLoad(
  world: World,
  instances: ServiceInstance[],
  options: LoadOptions,
  during?: (stats: LoadStats) => Promise<void>,
): Promise<LoadStats> {
  const started = Date.now();
  const stats: LoadStats = {
    remarksAttempted: 0,
    remarkRequests: 0,
    remarkRetries: 0,
    accepted: new Map(),
    remarkRefused: [],
    remarkGaveUp: [],
    answerRequests: 0,
    answerRetries: 0,
    answered: new Map(),
    answerGaveUp: [],
    failuresByKind: {},
    latencies: { remark: [], answer: [] },
    durationMs: 0,
  };
  const queue: { remarkId: string; tag: string; organizer: Person }[] = [];
  let citizensDone = false;

  const citizen = async (c: Person, n: number) => {
    await sleep(Math.random() * options.thinkMs);
    for (let i = 0; i < options.remarksPerCitizen; i++) {
      const plan = world.plans[(n + i) % world.plans.length];
      const tag = `${world.run}-${n}-${i}`;
      stats.remarksAttempted++;
      const outcome = await withRetries(instances, stats, options.retryForMs, 'remark', (base) =>
        http('POST', `${base}${API}/plans/${plan.id}/remarks`, {
          headers: { ...c.auth, 'idempotency-key': `key-${tag}` },
          body: { body: `Remark [tag:${tag}]: the planned amount is too high for ${i + 1} km of road.` },
        }),
      );
      if (outcome === null) stats.remarkGaveUp.push(tag);
      else if (!outcome.ok) stats.remarkRefused.push({ tag, status: outcome.status, code: outcome.code });
      else {
        stats.accepted.set(tag, outcome.body.id);
        queue.push({ remarkId: outcome.body.id, tag, organizer: plan.organizer });
      }
      await sleep(options.thinkMs * (0.5 + Math.random()));
    }
  };

  const answerer = async () => {
    for (;;) {
      const job = queue.shift();
      if (!job) {
        if (citizensDone) return;
        await sleep(20);
        continue;
      }
      const outcome = await withRetries(instances, stats, options.retryForMs, 'answer', (base) =>
        http('POST', `${base}${API}/remarks/${job.remarkId}/answer`, {
          headers: job.organizer.auth,
          // an English remark's answer includes a state language (Law on Languages, art. 11)
          body: {
            body: {
              ru: `Мы проверим смету [tag:${job.tag}] вместе с проектным бюро.`,
              en: `We will check the estimate of [tag:${job.tag}] with the design office.`,
            },
            disposition: 'explained',
          },
        }),
      );
      // 409 ALREADY_ANSWERED after a retry: the first attempt committed but its response was lost.
      if (outcome?.ok || (outcome && outcome.code === 'ALREADY_ANSWERED')) stats.answered.set(job.remarkId, job.tag);
      else stats.answerGaveUp.push(job.tag);
    }
  };

  const answerers = Array.from({ length: options.answerWorkers }, answerer);
  const fault = during?.(stats);
  await Promise.all(world.citizens.map(citizen));
  citizensDone = true;
  await Promise.all([...answerers, fault]);
  stats.durationMs = Date.now() - started;
  return stats;
}

export interface Verdict {
  requestsSent: number;
  remarksAttempted: number;
  remarksAccepted: number;
  remarksStored: number;
  acceptedButLost: string[];
  acceptedWithOtherId: string[];
  storedMoreThanOnce: string[];
  answersPublished: number;
  remarksWithMoreThanOneAnswer: number;
  emailsExpected: number;
  emailsReceived: number;
  emailsMissing: string[];
  emailsDuplicated: { tag: string; copies: number; sameMessageId: boolean }[];
  emailsToWrongRecipient: number;
  outbox: Record<string, number>;
  /** sent e-mails per dispatching process (pid from the worker id), to show that every instance sent */
  sentByPid: Record<string, number>;
  emailDrainMs: number;
}

/**
 * Compares what clients were told with what the database holds and what the SMTP server received:
 * every 2xx remark stored once under its id, every answer e-mailed once to the remark's author.
 */
export async function verify(
  databaseUrl: string,
  world: World,
  stats: LoadStats,
  smtp: FaultSmtp,
  options: { drainTimeoutMs: number; settleMs?: number },
): Promise<Verdict> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const remarks = (
      await db.query(
        `SELECT r.id, substring(r.body from '\\[tag:([\\w-]+)\\]') AS tag, u.email, (SELECT count(*)::int FROM answers a WHERE a.remark_id = r.id) AS answers
         FROM remarks r JOIN users u ON u.id = r.author_id WHERE r.idempotency_key LIKE $1`,
        [`key-${world.run}-%`],
      )
    ).rows as { id: string; tag: string; email: string; answers: number }[];
    const byTag = new Map<string, typeof remarks>();
    for (const r of remarks) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r]);
    const acceptedButLost: string[] = [];
    const acceptedWithOtherId: string[] = [];
    for (const [tag, id] of stats.accepted) {
      const rows = byTag.get(tag) ?? [];
      if (rows.length === 0) acceptedButLost.push(tag);
      else if (!rows.some((r) => r.id === id)) acceptedWithOtherId.push(tag);
    }
    const storedMoreThanOnce = [...byTag].filter(([, rows]) => rows.length > 1).map(([tag]) => tag);
    const answeredRemarks = remarks.filter((r) => r.answers > 0);
    const expected = new Map(answeredRemarks.map((r) => [r.tag, r.email.toLowerCase()]));

    const started = Date.now();
    await waitUntil(
      async () => {
        const [{ pending }] = (await db.query(`SELECT count(*)::int AS pending FROM outbox_messages WHERE status = 'pending'`)).rows;
        const got = new Set(smtp.received.map((m) => m.tag));
        return pending === 0 && [...expected.keys()].every((t) => got.has(t));
      },
      options.drainTimeoutMs,
      'every answer e-mail to reach the SMTP server',
      250,
    ).catch(() => undefined);
    const emailDrainMs = Date.now() - started;
    await sleep(options.settleMs ?? 3000); // a late copy would arrive now
    const outbox = Object.fromEntries(
      (await db.query(`SELECT status, count(*)::int AS n FROM outbox_messages GROUP BY status`)).rows.map(
        (r: { status: string; n: number }) => [r.status, r.n],
      ),
    );
    const sentByPid = Object.fromEntries(
      (
        await db.query(
          `SELECT split_part(locked_by, ':', 2) AS pid, count(*)::int AS n FROM outbox_messages WHERE status = 'sent' GROUP BY 1 ORDER BY 1`,
        )
      ).rows.map((r: { pid: string; n: number }) => [r.pid, r.n]),
    );
    const mails = smtp.received.filter((m) => m.tag?.startsWith(`${world.run}-`));
    const perTag = new Map<string, typeof mails>();
    for (const m of mails) perTag.set(m.tag!, [...(perTag.get(m.tag!) ?? []), m]);
    return {
      requestsSent: stats.remarkRequests + stats.answerRequests,
      remarksAttempted: stats.remarksAttempted,
      remarksAccepted: stats.accepted.size,
      remarksStored: remarks.length,
      acceptedButLost,
      acceptedWithOtherId,
      storedMoreThanOnce,
      answersPublished: answeredRemarks.length,
      remarksWithMoreThanOneAnswer: remarks.filter((r) => r.answers > 1).length,
      emailsExpected: expected.size,
      emailsReceived: mails.length,
      emailsMissing: [...expected.keys()].filter((t) => !perTag.has(t)),
      emailsDuplicated: [...perTag]
        .filter(([, copies]) => copies.length > 1)
        .map(([tag, copies]) => ({ tag, copies: copies.length, sameMessageId: new Set(copies.map((c) => c.messageId)).size === 1 })),
      emailsToWrongRecipient: mails.filter((m) => expected.get(m.tag!) === undefined || m.to.join(',') !== expected.get(m.tag!)).length,
      outbox,
      sentByPid,
      emailDrainMs,
    };
  } finally {
    await db.end();
  }
}
