import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fastify } from 'fastify';
import { Pool } from 'pg';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { remarkDuplicateKey } from '../../src/common/duplicate-text';
import { maskPersonalData } from '../../src/common/personal-data';
import type { ProcedureConfig } from '../../src/config/config';
import { USER_SQL } from '../../src/identity/users.repository';
import { decodeCursor, encodeCursor } from '../../src/plans/cursor';
import type { PlanStatus } from '../../src/plans/plan-status';
import { verdictClosesAt } from '../../src/procedure/deadlines';
import { PLAN_VISIBILITY_SQL, planPageSql } from '../../src/plans/plans.repository';
import { PAGE_VERDICTS_SQL } from '../../src/remarks/answer-verdicts.repository';
import { PAGE_ANSWERS_SQL, REMARK_INSERT_SQL, remarkPageSql, SUBMIT_LOOKUP_SQL } from '../../src/remarks/remarks.repository';
import { listingItems, listingStatements } from './listing';
import { statementRunner } from './statements';

/** The token's user, session and issue time, the guard's USER_SQL parameters (the signature is not checked). */
function sessionOf(authorization: string | undefined): [string, Date, string] | null {
  const payload = authorization?.split('.')[1];
  if (!payload) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; sid: string; iat_ms: number };
  return [claims.sub, new Date(claims.iat_ms), claims.sid];
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A stored {kk, ru, en} text for a Russian reader (ru, then kk, then en). */
const inRussian = (text: { kk?: string | null; ru?: string | null; en?: string | null }) => text.ru ?? text.kk ?? text.en ?? null;

type Versions = { kk: string | null; ru: string | null; en: string | null };

/** A stored answer text ({kk, ru, en}) as the public reads it: every version, personal data masked. */
function publicVersions(stored: Partial<Versions> | null): Versions | null {
  if (stored === null) return null;
  const version = (text: string | null | undefined) => (typeof text === 'string' ? maskPersonalData(text) : null);
  return { kk: version(stored.kk), ru: version(stored.ru), en: version(stored.en) };
}

/** One answer version as the service answers a Russian reader: the version read, every version under i18n. */
interface AnswerVersion {
  body: string | null;
  disposition: string;
  publishedAt: string;
  late: boolean;
  version: number;
  correctionReason: string | null;
  verdict: { verdict: string; reason: string | null; at: string | null; answerVersion: number } | null;
  i18n: { body: Versions; correctionReason?: Versions };
}

const refuse = (reply: FastifyReply, status: number, error: string) => reply.code(status).send({ error });

type PlanParams = { Params: { id: string } };

/**
 * The ceiling: Fastify without NestJS, one `pg` pool of the service's size (20), the same paths and
 * the same statements as each measured endpoint of the service, sent the same way (a statement the
 * service names is prepared once per connection here too), with none of the service's layers (no
 * guard or token check, no validation, no TypeORM at request time, no request logging, no helmet, no
 * error filter). `now` is the procedure's time (the tests pass the service's manual clock).
 */
export async function createBareApp(
  databaseUrl: string,
  procedure: ProcedureConfig,
  now: () => Date = () => new Date(),
): Promise<FastifyInstance> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20, application_name: 'bare' });
  const { run, runBuilt } = statementRunner(pool);
  const listing = await listingStatements();
  // the working calendar, loaded once (the bench never changes it)
  const days = await pool.query<{ date: string; working: boolean; reason: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, working, reason FROM calendar_overrides ORDER BY date`,
  );
  const calendar = new WorkingCalendar(days.rows);

  /** The latest answer version, with until when its author may judge it and the earlier versions. */
  function withWindow(latest: AnswerVersion, history: AnswerVersion[], timeZone: string) {
    const { i18n, ...shown } = latest;
    const closesAt = verdictClosesAt(new Date(latest.publishedAt), timeZone, calendar, procedure);
    return { ...shown, verdictClosesAt: closesAt.toISOString(), history, i18n };
  }

  const app = fastify({ logger: false });

  app.post<PlanParams & { Body: { body: string } }>('/api/v1/plans/:id/remarks', async (request, reply) => {
    const session = sessionOf(request.headers.authorization);
    if (!session) return refuse(reply, 401, 'no token');
    const user = (await run(USER_SQL, session)).rows[0];
    if (!user) return refuse(reply, 401, 'unknown user');
    const planId = request.params.id;
    const body = request.body.body;
    const bodyHash = createHash('sha256').update(`${planId}\n${body}`).digest('hex');
    // the service's statements: one lookup (plan, time zone, earlier remark with the key, the author's
    // remarks on the plan in the last hour), one insert
    const now = new Date();
    const plan = (await run(SUBMIT_LOOKUP_SQL, [planId, user.id, null, new Date(now.getTime() - 3600_000)])).rows[0];
    if (!(plan.published_at <= now && now <= plan.stage1_closes_at)) return refuse(reply, 409, 'WINDOW_CLOSED');
    const due = new Date(now.getTime() + 21 * 86_400_000);
    const { rows } = await run(REMARK_INSERT_SQL, [
      plan.id,
      1,
      user.id,
      body,
      now,
      null,
      bodyHash,
      due,
      user.locale,
      remarkDuplicateKey(body),
    ]);
    if (!rows[0]) return refuse(reply, 409, 'DUPLICATE');
    return reply.code(201).send({ id: rows[0].id, stage: rows[0].stage, createdAt: iso(rows[0].created_at) });
  });

  app.get<PlanParams & { Querystring: { limit?: string; cursor?: string; stage?: string } }>(
    '/api/v1/plans/:id/remarks',
    async (request, reply) => {
      const query = request.query;
      const plan = (await run(PLAN_VISIBILITY_SQL, [request.params.id])).rows[0];
      if (!plan?.published_at) return refuse(reply, 404, 'PLAN_NOT_FOUND');
      const limit = Number(query.limit ?? 20);
      const stage = query.stage ? (Number(query.stage) as 1 | 2) : null;
      const rows = (await runBuilt(remarkPageSql(plan.id, stage, decodeCursor(query.cursor), limit))).rows;
      const page = rows.slice(0, limit);
      const answers = page.length ? (await run(PAGE_ANSWERS_SQL, [page.map((r) => r.id)])).rows : [];
      // the current verdict of each answer version, and the plan's time zone (for the verdict windows)
      const verdicts = answers.length ? (await run(PAGE_VERDICTS_SQL, [plan.id, page.map((r) => r.id)])).rows : [];
      const timeZone = verdicts[0]?.time_zone as string;
      const verdictOf = new Map(verdicts.filter((v) => v.remark_id).map((v) => [`${v.remark_id}:${v.version}`, v]));
      const byRemark = new Map<string, AnswerVersion[]>();
      for (const a of answers) {
        const list = byRemark.get(a.remark_id) ?? [];
        const v = verdictOf.get(`${a.remark_id}:${a.version}`);
        const body = publicVersions(a.body)!;
        const correctionReason = publicVersions(a.correction_reason);
        list.push({
          body: inRussian(body),
          disposition: a.disposition,
          publishedAt: iso(a.published_at)!,
          late: a.late,
          version: a.version,
          correctionReason: correctionReason && inRussian(correctionReason),
          verdict: v
            ? {
                verdict: v.verdict,
                reason: v.reason === null ? null : maskPersonalData(v.reason),
                at: iso(v.created_at),
                answerVersion: a.version,
              }
            : null,
          i18n: correctionReason ? { body, correctionReason } : { body },
        });
        byRemark.set(a.remark_id, list);
      }
      const items = page.map((r) => {
        const [latest, ...older] = byRemark.get(r.id) ?? [];
        const masked = maskPersonalData(r.body);
        const hidden = r.hidden_at && r.hidden_reason ? { reason: r.hidden_reason, at: iso(r.hidden_at) } : null;
        return {
          id: r.id,
          stage: r.stage,
          authorName: r.author_name,
          body: hidden ? null : masked,
          hidden,
          personalDataMasked: !hidden && masked !== r.body,
          language: r.language,
          createdAt: iso(r.created_at),
          // none while hidden, as the service answers (src/remarks/answer-duty.ts)
          answerDueAt: hidden ? null : iso(r.answer_due_at),
          answer: latest ? withWindow(latest, older, timeZone) : null,
          disputes: r.disputes_remark_id,
        };
      });
      const last = page[page.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ t: iso(last.created_at)!, id: last.id }) : null };
    },
  );

  app.get<{ Querystring: { status?: PlanStatus; organizationId?: string; q?: string; limit?: string; cursor?: string } }>(
    '/api/v1/plans',
    async (request) => {
      const query = request.query;
      const limit = Number(query.limit ?? 20);
      const at = now();
      const page = planPageSql(
        {
          draftsOf: null,
          status: query.status,
          organizationId: query.organizationId,
          q: query.q,
          cursor: decodeCursor(query.cursor),
          limit,
        },
        at,
      );
      const rows = (await runBuilt(page)).rows;
      const ids = rows.slice(0, limit).map((r) => r.id as string);
      const items = await listingItems(run, listing, ids, at);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor({ t: last.publishedAt as string, id: last.id as string }) : null,
      };
    },
  );

  app.get('/api/v1/health', async () => ({ status: 'ok' }));

  app.addHook('onClose', () => pool.end());
  return app;
}
