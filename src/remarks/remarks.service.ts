import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { isUuid } from '../common/ids';
import { validationError } from '../common/errors/validation';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queryRows } from '../database/query-rows';
import { AuthUser } from '../identity/auth/auth-user';
import { User } from '../identity/user.entity';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { decodeCursor, encodeCursor } from '../plans/cursor';
import { assertOrganizerOf, assertVisible, loadPlan, visiblePlanId } from '../plans/plan-access';
import { Plan } from '../plans/plan.entity';
import { answerDueAt, localDate, stage2AnswerDueAt } from '../procedure/deadlines';
import { Answer, Disposition } from './answer.entity';
import { renderAnswerEmail } from './answer-email';
import { Remark } from './remark.entity';
import { isAnswerLate, remarkWindow } from './remark-window';
import { Hearing } from '../hearings/hearing.entity';
import { ListRemarksQuery } from './remarks.dto';

export interface RemarkCreated {
  id: string;
  stage: 1 | 2;
  createdAt: string;
}

export interface AnswerView {
  body: string;
  disposition: Disposition;
  publishedAt: string;
  late: boolean;
  version: number;
  correctionReason: string | null;
  history: Omit<AnswerView, 'history'>[];
}

export interface RemarkView {
  id: string;
  stage: 1 | 2;
  authorName: string;
  body: string;
  createdAt: string;
  answerDueAt: string;
  answer: AnswerView | null;
}

export interface AnswerCreated {
  id: string;
  remarkId: string;
  version: number;
  disposition: Disposition;
  publishedAt: string;
  late: boolean;
}

const REMARK_MAX = 10000;

/**
 * Inserts a remark and, when it was inserted (not a repeat of an Idempotency-Key), makes its author
 * follow the plan. Exported so that the benchmark's bare handler runs the same statement.
 */
export const REMARK_INSERT_SQL = `WITH inserted AS (
    INSERT INTO remarks (plan_id, stage, author_id, body, created_at, idempotency_key, body_hash, answer_due_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (author_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING id, stage, created_at, plan_id, author_id
  ), followed AS (
    INSERT INTO plan_subscriptions (plan_id, user_id, kind) SELECT plan_id, author_id, 'follow' FROM inserted ON CONFLICT DO NOTHING
  )
  SELECT id, stage, created_at FROM inserted`;

/**
 * What a submission needs in one round trip: the plan's windows and its organization's time zone
 * ($1, null when the id is not a UUID), and the author's ($2) remark already made with the
 * Idempotency-Key $3, if any. Always one row; its columns are null for what is absent. Exported
 * for the benchmark's bare handler.
 */
export const SUBMIT_LOOKUP_SQL = `SELECT p.id, p.organization_id, p.published_at, p.stage1_closes_at, p.stage2_opens_at, p.stage2_closes_at,
         p.outcome_published_at, o.time_zone,
         r.id AS existing_id, r.stage AS existing_stage, r.created_at AS existing_created_at, r.body_hash AS existing_body_hash
    FROM (SELECT 1) AS one
    LEFT JOIN plans p ON p.id = $1::uuid
    LEFT JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN remarks r ON $3::text IS NOT NULL AND r.author_id = $2::uuid AND r.idempotency_key = $3::text`;

interface SubmitLookupRow {
  id: string | null;
  organization_id: string | null;
  published_at: Date | null;
  stage1_closes_at: Date | null;
  stage2_opens_at: Date | null;
  stage2_closes_at: Date | null;
  outcome_published_at: Date | null;
  time_zone: string | null;
  existing_id: string | null;
  existing_stage: 1 | 2 | null;
  existing_created_at: Date | null;
  existing_body_hash: string | null;
}

@Injectable()
export class RemarksService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Accepts a remark while a window is open, judged by the clock against the plan as read just
   * before the insert; two round trips (one lookup, one insert) after the guard's read of the user.
   * With an Idempotency-Key, concurrent or repeated requests make one remark (unique index).
   */
  async create(user: AuthUser, planId: string, body: string, idempotencyKey: string | undefined): Promise<RemarkCreated> {
    if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
    const length = typeof body === 'string' ? body.trim().length : 0;
    if (length < 1 || body.length > REMARK_MAX) {
      throw validationError([{ field: 'body', constraint: 'length', message: { en: 'must be 1 to 10000 characters', ru: 'должно содержать от 1 до 10000 символов', kk: '1-ден 10000 таңбаға дейін болуы керек' } }]);
    }
    const key = idempotencyKey === undefined || idempotencyKey === '' ? null : idempotencyKey;
    if (key !== null && key.length > 200) {
      throw validationError([{ field: 'Idempotency-Key', constraint: 'maxLength', message: { en: 'is too long', ru: 'слишком длинное', kk: 'тым ұзын' } }]);
    }
    const bodyHash = createHash('sha256').update(`${planId}\n${body}`).digest('hex');
    const calendar = await this.calendars.calendar();

    // No transaction: the reads take no locks and the one write is a single statement, so under
    // READ COMMITTED a transaction around them would see and decide exactly the same (and cost two
    // round trips more). Concurrent requests with the same Idempotency-Key meet at the unique index.
    const [found] = await queryRows<SubmitLookupRow>(this.db, SUBMIT_LOOKUP_SQL, [isUuid(planId) ? planId : null, user.id, key]);
    if (found.existing_id !== null) {
      return this.replay({ id: found.existing_id, stage: found.existing_stage!, createdAt: found.existing_created_at!, bodyHash: found.existing_body_hash! }, bodyHash);
    }
    if (found.id === null) throw new AppError('PLAN_NOT_FOUND');
    const plan = {
      id: found.id,
      organizationId: found.organization_id!,
      publishedAt: found.published_at,
      stage1ClosesAt: found.stage1_closes_at,
      stage2OpensAt: found.stage2_opens_at,
      stage2ClosesAt: found.stage2_closes_at,
      outcomePublishedAt: found.outcome_published_at,
    };
    assertVisible(user, plan);
    const now = this.clock.now();
    const tz = found.time_zone!;
    const window = remarkWindow(plan, now, tz);
    if (!window.open) throw new AppError('WINDOW_CLOSED', { detail: window.detail });
    const due =
      window.stage === 1
        ? answerDueAt(now, tz, calendar, this.config.procedure)
        : stage2AnswerDueAt(localDate(plan.stage2ClosesAt!, tz), tz, calendar, this.config.procedure);
    // The remark and its author's follow of the plan in one statement (one round trip fewer).
    const inserted = await queryRows<{ id: string; stage: number; created_at: Date }>(this.db, REMARK_INSERT_SQL, [
      plan.id,
      window.stage,
      user.id,
      body,
      now,
      key,
      bodyHash,
      due,
    ]);
    if (inserted.length === 0) {
      // a concurrent request with the same key committed first
      const existing = await this.db.getRepository(Remark).findOne({ where: { authorId: user.id, idempotencyKey: key! } });
      return this.replay(existing!, bodyHash);
    }
    const r = inserted[0];
    return { id: r.id, stage: r.stage as 1 | 2, createdAt: new Date(r.created_at).toISOString() };
  }

  private replay(existing: Pick<Remark, 'id' | 'stage' | 'createdAt' | 'bodyHash'>, bodyHash: string): RemarkCreated {
    if (existing.bodyHash !== bodyHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { id: existing.id, stage: existing.stage, createdAt: new Date(existing.createdAt).toISOString() };
  }

  /**
   * A page of a plan's remarks, oldest first, keyset on (created_at, id) so any page costs the same;
   * every answer version of the page's remarks comes in one query.
   */
  async list(user: AuthUser | undefined, planId: string, query: ListRemarksQuery): Promise<{ items: RemarkView[]; nextCursor: string | null }> {
    const visibleId = await visiblePlanId(this.db, user, planId);
    const limit = query.limit ?? 20;
    const { sql, params } = remarkPageSql(visibleId, query.stage ?? null, decodeCursor(query.cursor), limit);
    const rows = await queryRows<{ id: string; stage: number; body: string; created_at: Date; answer_due_at: Date; author_name: string }>(this.db, sql, params);
    const page = rows.slice(0, limit);
    const answers = page.length
      ? await queryRows<{ remark_id: string; body: string; disposition: Disposition; published_at: Date; late: boolean; version: number; correction_reason: string | null }>(
          this.db,
          `SELECT remark_id, body, disposition, published_at, late, version, correction_reason
           FROM answers WHERE remark_id = ANY($1::uuid[]) ORDER BY remark_id, version DESC`,
          [page.map((r) => r.id)],
        )
      : [];
    const versions = new Map<string, Omit<AnswerView, 'history'>[]>();
    for (const a of answers) {
      const list = versions.get(a.remark_id) ?? [];
      list.push({ body: a.body, disposition: a.disposition, publishedAt: new Date(a.published_at).toISOString(), late: a.late, version: a.version, correctionReason: a.correction_reason });
      versions.set(a.remark_id, list);
    }
    const items: RemarkView[] = page.map((r) => {
      const [latest, ...older] = versions.get(r.id) ?? [];
      return {
        id: r.id,
        stage: r.stage as 1 | 2,
        authorName: r.author_name,
        body: r.body,
        createdAt: new Date(r.created_at).toISOString(),
        answerDueAt: new Date(r.answer_due_at).toISOString(),
        answer: latest ? { ...latest, history: older } : null,
      };
    });
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ t: new Date(last.created_at).toISOString(), id: last.id }) : null;
    return { items, nextCursor };
  }

  /** The official answer (version 1). The remark row is locked so two answers cannot race. */
  async answer(user: AuthUser, remarkId: string, body: string, disposition: Disposition): Promise<AnswerCreated> {
    const result = await this.db.transaction(async (em) => {
      const { remark, plan } = await this.lockRemark(em, user, remarkId);
      const count = await em.getRepository(Answer).count({ where: { remarkId: remark.id } });
      if (count > 0) throw new AppError('ALREADY_ANSWERED');
      const now = this.clock.now();
      const hearing = await em.getRepository(Hearing).findOne({ where: { planId: plan.id, status: 'scheduled' }, select: { startsAt: true } });
      const late = isAnswerLate(remark, now, hearing?.startsAt ?? null);
      const answer = await em.getRepository(Answer).save({ remarkId: remark.id, version: 1, body, disposition, authorId: user.id, publishedAt: now, late, correctionReason: null });
      await em.getRepository(Remark).update(remark.id, { answeredAt: now });
      await this.queueEmail(em, plan, remark, answer);
      return answer;
    });
    this.dispatcher.kick();
    return toCreated(result);
  }

  /** A public correction: a new version; earlier versions stay in the history. */
  async correct(user: AuthUser, remarkId: string, body: string, disposition: Disposition, reason: string): Promise<AnswerCreated> {
    const result = await this.db.transaction(async (em) => {
      const { remark, plan } = await this.lockRemark(em, user, remarkId);
      const latest = await em.getRepository(Answer).findOne({ where: { remarkId: remark.id }, order: { version: 'DESC' } });
      if (!latest) throw new AppError('NOT_ANSWERED');
      const answer = await em.getRepository(Answer).save({
        remarkId: remark.id,
        version: latest.version + 1,
        body,
        disposition,
        authorId: user.id,
        publishedAt: this.clock.now(),
        // the answer's timeliness is that of its first publication
        late: latest.late,
        correctionReason: reason,
      });
      await this.queueEmail(em, plan, remark, answer);
      return answer;
    });
    this.dispatcher.kick();
    return toCreated(result);
  }

  private async lockRemark(em: EntityManager, user: AuthUser, remarkId: string): Promise<{ remark: Remark; plan: Plan }> {
    if (!isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const remark = await em.getRepository(Remark).findOne({ where: { id: remarkId }, lock: { mode: 'pessimistic_write' } });
    if (!remark) throw new AppError('REMARK_NOT_FOUND');
    const { plan } = await loadPlan(em, remark.planId);
    assertOrganizerOf(user, plan);
    return { remark, plan };
  }

  private async queueEmail(em: EntityManager, plan: Plan, remark: Remark, answer: Answer): Promise<void> {
    const author = await em.getRepository(User).findOneOrFail({ where: { id: remark.authorId } });
    const mail = renderAnswerEmail({
      locale: author.locale,
      displayName: author.displayName,
      planTitle: plan.title,
      remarkBody: remark.body,
      answerBody: answer.body,
      disposition: answer.disposition,
      correction: answer.version > 1 ? { reason: answer.correctionReason ?? '', version: answer.version } : null,
      url: `${this.config.publicUrl}/plans/${plan.id}`,
    });
    await this.outbox.enqueue(em, [{ dedupeKey: `answer:${answer.id}`, kind: answer.version > 1 ? 'answer_correction' : 'answer', recipient: author.email, ...mail }]);
  }
}

function toCreated(a: Answer): AnswerCreated {
  return { id: a.id, remarkId: a.remarkId, version: a.version, disposition: a.disposition, publishedAt: a.publishedAt.toISOString(), late: a.late };
}

/** The keyset page query (exported so a test can EXPLAIN it). */
export function remarkPageSql(planId: string, stage: 1 | 2 | null, cursor: { t: string; id: string } | null, limit: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [planId];
  const where = ['r.plan_id = $1'];
  if (stage !== null) {
    params.push(stage);
    where.push(`r.stage = $${params.length}`);
  }
  if (cursor) {
    params.push(cursor.t, cursor.id);
    where.push(`(r.created_at, r.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit + 1);
  return {
    sql: `SELECT r.id, r.stage, r.body, r.created_at, r.answer_due_at, u.display_name AS author_name
          FROM remarks r JOIN users u ON u.id = r.author_id
          WHERE ${where.join(' AND ')}
          ORDER BY r.created_at, r.id LIMIT $${params.length}`,
    params,
  };
}
