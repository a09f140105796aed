import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Decision } from '../../outcomes/outcome.entity';
import type { ProcurementMethod } from '../../plans/plan.entity';
import type { HideReason } from '../../remarks/remark-moderation';
import { queryRows } from '../../database/query-rows';
import { withSessionLock } from '../../database/session-lock';
import { DECISION_CHANGED_PUBLIC_STATE_SQL } from '../public-moderation.repository';
import type { OcdsRelease } from './ocds.types';

type Db = DataSource | EntityManager;

export interface PlanRow {
  id: string;
  title: unknown;
  description: unknown;
  subject_code: string;
  amount: string;
  method: ProcurementMethod;
  planned_quarter: string | null;
  delivery_place: unknown;
  published_at: Date;
  stage1_closes_at: Date | null;
  notice_published_at: Date | null;
  stage2_opens_at: Date | null;
  stage2_closes_at: Date | null;
  org_name: unknown;
  org_bin: string;
}

export interface HearingChangeRow {
  action: 'scheduled' | 'rescheduled' | 'cancelled';
  sequence: number;
  starts_at: Date;
  created_at: Date;
  venue: unknown;
  room: unknown;
}

export interface HearingRow {
  status: 'scheduled' | 'cancelled';
  sequence: number;
  starts_at: Date;
  created_at: Date;
  venue: unknown;
  room: unknown;
}

export interface VersionRow {
  version: number;
  published_at: Date;
}

export interface RemarkEventRow {
  id: string;
  author_id: string;
  body: string;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  created_at: Date;
}

export interface AnswerEventRow {
  id: string;
  remark_id: string;
  author_id: string;
  language: string;
  body: unknown;
  published_at: Date;
}

export interface VerdictEventRow {
  id: string;
  remark_id: string;
  verdict: 'reasoned' | 'formal';
  created_at: Date;
}

/** A change of what the public sees of a remark: hidden, or restored. */
export interface ModerationEventRow {
  remark_id: string;
  change: 'hidden' | 'restored';
  author_id: string;
  body: string;
  created_at: Date;
}

export interface RemarkStateRow {
  id: string;
  author_id: string;
  body: string;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
}

export interface StoredRelease {
  seq: string;
  body: OcdsRelease;
}

export interface NewRelease {
  planId: string;
  eventKey: string;
  release: OcdsRelease;
}

/** Rows of a multi-row INSERT per statement (8 parameters a row, well under PostgreSQL's 65,535). */
const INSERT_CHUNK = 500;

/**
 * The statements of the OCDS releases: the events of a plan's procedure (each read by an index on
 * the plan or on the event's time), the stored releases, and the redaction pass's remark states.
 */
@Injectable()
export class OcdsRepository {
  /** A published plan with its organization; null for a draft or an unknown id. */
  async publishedPlan(db: Db, planId: string): Promise<PlanRow | null> {
    const rows = await queryRows<PlanRow>(
      db,
      `SELECT p.id, p.title, p.description, p.subject_code, p.amount::text AS amount, p.method, p.planned_quarter, p.delivery_place,
              p.published_at, p.stage1_closes_at, p.notice_published_at, p.stage2_opens_at, p.stage2_closes_at,
              o.name AS org_name, o.bin AS org_bin
         FROM plans p JOIN organizations o ON o.id = p.organization_id
        WHERE p.id = $1 AND p.published_at IS NOT NULL`,
      [planId],
    );
    return rows[0] ?? null;
  }

  /** Serializes the syncs of one plan (on every instance) until the transaction ends: waits for another sync's lock. */
  async lockPlan(em: EntityManager, planId: string): Promise<void> {
    await queryRows(em, `SELECT pg_advisory_xact_lock(hashtext('ocds:' || $1::text))`, [planId]);
  }

  /**
   * Runs a backfill pass while this instance holds the backfill's lock (a session lock: the pass is
   * many transactions); null, without running it, while another instance's pass holds it.
   */
  whileBackfillLocked<T>(db: DataSource, pass: () => Promise<T>): Promise<{ value: T } | null> {
    return withSessionLock(db, 'ocds:backfill', pass);
  }

  /** lockPlan without waiting: false (and no lock) while another sync of the plan holds it. */
  async tryLockPlan(em: EntityManager, planId: string): Promise<boolean> {
    const rows = await queryRows<{ locked: boolean }>(em, `SELECT pg_try_advisory_xact_lock(hashtext('ocds:' || $1::text)) AS locked`, [
      planId,
    ]);
    return rows[0]?.locked === true;
  }

  /**
   * The date of the plan's latest release about a remark (null before the first): where the sync looks
   * for new remark events. Read backwards through ocds_releases_plan_date_idx: a plan's procedure
   * releases, skipped, are a few.
   */
  async latestEnquiryDate(db: Db, planId: string): Promise<Date | null> {
    const rows = await queryRows<{ date: Date }>(
      db,
      `SELECT date FROM ocds_releases
        WHERE plan_id = $1 AND split_part(event_key, '-', 1) IN ('remark', 'answer', 'verdict', 'moderation')
        ORDER BY date DESC, seq DESC LIMIT 1`,
      [planId],
    );
    return rows[0]?.date ?? null;
  }

  hearingChanges(db: Db, planId: string): Promise<HearingChangeRow[]> {
    return queryRows<HearingChangeRow>(
      db,
      `SELECT c.action, c.sequence, c.starts_at, c.created_at, h.venue, c.room
         FROM hearings h JOIN hearing_changes c ON c.hearing_id = h.id
        WHERE h.plan_id = $1 ORDER BY c.sequence`,
      [planId],
    );
  }

  /** The plan's hearing as it stands (null without one). */
  async hearing(db: Db, planId: string): Promise<HearingRow | null> {
    const rows = await queryRows<HearingRow>(
      db,
      `SELECT status, sequence, starts_at, created_at, venue, room FROM hearings WHERE plan_id = $1`,
      [planId],
    );
    return rows[0] ?? null;
  }

  protocols(db: Db, planId: string): Promise<(VersionRow & { summary: unknown })[]> {
    return queryRows(db, `SELECT version, published_at, summary FROM protocols WHERE plan_id = $1 ORDER BY version`, [planId]);
  }

  conclusion(db: Db, planId: string): Promise<{ closed_at: Date; result: string }[]> {
    return queryRows(db, `SELECT closed_at, result FROM review_conclusions WHERE plan_id = $1`, [planId]);
  }

  notices(db: Db, planId: string): Promise<(VersionRow & { notice_number: string; documents: unknown })[]> {
    return queryRows(db, `SELECT version, published_at, notice_number, documents FROM notices WHERE plan_id = $1 ORDER BY version`, [
      planId,
    ]);
  }

  outcomes(db: Db, planId: string): Promise<(VersionRow & { decision: Decision; summary: unknown })[]> {
    return queryRows(db, `SELECT version, published_at, decision, summary FROM outcomes WHERE plan_id = $1 ORDER BY version`, [planId]);
  }

  /**
   * The first `limit` of the plan's remarks accepted in (after, until] that have no release yet, oldest
   * first (remarks_plan_page_idx; each checked against ocds_releases_plan_event_uq).
   */
  remarksBetween(db: Db, planId: string, after: Date | null, until: Date, limit: number): Promise<RemarkEventRow[]> {
    return queryRows<RemarkEventRow>(
      db,
      `SELECT r.id, r.author_id, r.body, r.hidden_at, r.hidden_reason, r.created_at FROM remarks r
        WHERE r.plan_id = $1 AND ($2::timestamptz IS NULL OR r.created_at > $2) AND r.created_at <= $3
          AND NOT EXISTS (SELECT 1 FROM ocds_releases o WHERE o.plan_id = $1 AND o.event_key = 'remark-' || r.id)
        ORDER BY r.created_at, r.id LIMIT $4`,
      [planId, after, until, limit],
    );
  }

  /**
   * The first `limit` answer versions published in (after, until] to the plan's remarks with no release
   * yet, oldest first. The plan's answers of the window are found first (by its remarks, or by
   * answers_published_idx for a short window: the planner's choice without a LIMIT to mislead it; with
   * one, it walked every answer of every plan by time), then ordered and cut.
   */
  answersBetween(db: Db, planId: string, after: Date | null, until: Date, limit: number): Promise<AnswerEventRow[]> {
    return queryRows<AnswerEventRow>(
      db,
      `WITH own AS MATERIALIZED (
         SELECT a.id, a.remark_id, r.author_id, r.language, a.body, a.published_at
           FROM answers a JOIN remarks r ON r.id = a.remark_id
          WHERE r.plan_id = $1 AND ($2::timestamptz IS NULL OR a.published_at > $2) AND a.published_at <= $3)
       SELECT own.* FROM own
        WHERE NOT EXISTS (SELECT 1 FROM ocds_releases o WHERE o.plan_id = $1 AND o.event_key = 'answer-' || own.id)
        ORDER BY own.published_at, own.id LIMIT $4`,
      [planId, after, until, limit],
    );
  }

  /** The first `limit` verdicts on the plan's answers given in (after, until] with no release yet, oldest first (found first, as answersBetween). */
  verdictsBetween(db: Db, planId: string, after: Date | null, until: Date, limit: number): Promise<VerdictEventRow[]> {
    return queryRows<VerdictEventRow>(
      db,
      `WITH own AS MATERIALIZED (
         SELECT v.id, v.remark_id, v.verdict, v.created_at FROM answer_verdicts v
          WHERE v.plan_id = $1 AND ($2::timestamptz IS NULL OR v.created_at > $2) AND v.created_at <= $3)
       SELECT own.* FROM own
        WHERE NOT EXISTS (SELECT 1 FROM ocds_releases o WHERE o.plan_id = $1 AND o.event_key = 'verdict-' || own.id)
        ORDER BY own.created_at, own.id LIMIT $4`,
      [planId, after, until, limit],
    );
  }

  /**
   * The first `limit` of the plan's remarks hidden or restored in (after, until], oldest first
   * (moderation_decisions_created_idx): only the decisions that changed what the public sees
   * (DECISION_CHANGED_PUBLIC_STATE_SQL), and not those released already (their key: the remark, the
   * change and the time in ocds-mapping.ts enquiryEventKey's form).
   */
  moderationBetween(db: Db, planId: string, after: Date | null, until: Date, limit: number): Promise<ModerationEventRow[]> {
    return queryRows<ModerationEventRow>(
      db,
      `WITH own AS MATERIALIZED (
         SELECT d.id, d.remark_id, CASE d.action WHEN 'hide' THEN 'hidden' ELSE 'restored' END AS change, r.author_id, r.body, d.created_at
           FROM moderation_decisions d JOIN remarks r ON r.id = d.remark_id
          WHERE d.plan_id = $1 AND ($2::timestamptz IS NULL OR d.created_at > $2) AND d.created_at <= $3
            AND ${DECISION_CHANGED_PUBLIC_STATE_SQL})
       SELECT own.remark_id, own.change, own.author_id, own.body, own.created_at FROM own
        WHERE NOT EXISTS (
                SELECT 1 FROM ocds_releases o
                 WHERE o.plan_id = $1
                   AND o.event_key = 'moderation-' || own.remark_id || '-' || own.change || '-'
                                     || to_char(own.created_at AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISSMS"Z"'))
        ORDER BY own.created_at, own.id LIMIT $4`,
      [planId, after, until, limit],
    );
  }

  /** Stores releases not stored yet; an event already released (by another sync) is left as it is. */
  async insert(em: EntityManager, releases: NewRelease[], createdAt: Date): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < releases.length; i += INSERT_CHUNK) {
      const chunk = releases.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        params.push(r.planId, r.release.id, r.eventKey, r.release.date, r.release.tag, createdAt, JSON.stringify(r.release));
        const n = params.length;
        return `($${n - 6}::uuid, $${n - 5}, $${n - 4}, $${n - 3}::timestamptz, $${n - 2}::text[], $${n - 1}::timestamptz, $${n}::jsonb)`;
      });
      const rows = await queryRows<{ seq: string }>(
        em,
        `INSERT INTO ocds_releases (plan_id, release_id, event_key, date, tags, created_at, body) VALUES ${values.join(', ')}
         ON CONFLICT (plan_id, event_key) DO NOTHING RETURNING seq`,
        params,
      );
      inserted += rows.length;
    }
    return inserted;
  }

  /**
   * Up to `limit` stored releases of a plan in date order (ocds_releases_plan_date_idx), from the first
   * or after the release `afterSeq` of the plan (none when it is another plan's).
   */
  planReleases(db: Db, planId: string, afterSeq: string | null, limit: number): Promise<StoredRelease[]> {
    if (afterSeq === null)
      return queryRows<StoredRelease>(
        db,
        `SELECT r.seq::text AS seq, r.body FROM ocds_releases r WHERE r.plan_id = $1 ORDER BY r.date, r.seq LIMIT $2`,
        [planId, limit],
      );
    return queryRows<StoredRelease>(
      db,
      `SELECT r.seq::text AS seq, r.body FROM ocds_releases r
        WHERE r.plan_id = $1 AND (r.date, r.seq) > (SELECT a.date, a.seq FROM ocds_releases a WHERE a.seq = $2::bigint AND a.plan_id = $1)
        ORDER BY r.date, r.seq LIMIT $3`,
      [planId, afterSeq, limit],
    );
  }

  /** Whether the release `seq` is one of the plan's: a cursor of the plan's pages names one. */
  async isPlanRelease(db: Db, planId: string, seq: string): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM ocds_releases WHERE seq = $1::bigint AND plan_id = $2`, [seq, planId]);
    return rows.length > 0;
  }

  /** The first release stored at or after `since` (ocds_releases_created_idx); null when none. */
  async firstSeqSince(db: Db, since: Date): Promise<string | null> {
    const rows = await queryRows<{ seq: string }>(
      db,
      `SELECT r.seq::text AS seq FROM ocds_releases r WHERE r.created_at >= $1 ORDER BY r.created_at, r.seq LIMIT 1`,
      [since],
    );
    return rows[0]?.seq ?? null;
  }

  /** Up to `limit` releases stored after `afterSeq` (from `fromSeq` on), in the order stored (the primary key). */
  releasesAfter(db: Db, afterSeq: string, since: Date | null, limit: number): Promise<StoredRelease[]> {
    return queryRows<StoredRelease>(
      db,
      `SELECT r.seq::text AS seq, r.body FROM ocds_releases r
        WHERE r.seq > $1::bigint AND ($2::timestamptz IS NULL OR r.created_at >= $2) ORDER BY r.seq LIMIT $3`,
      [afterSeq, since, limit],
    );
  }

  /** The current text state of remarks (the redaction pass). */
  remarkStates(db: Db, remarkIds: string[]): Promise<RemarkStateRow[]> {
    if (remarkIds.length === 0) return Promise.resolve([]);
    return queryRows<RemarkStateRow>(db, `SELECT id, author_id, body, hidden_at, hidden_reason FROM remarks WHERE id = ANY($1::uuid[])`, [
      remarkIds,
    ]);
  }

  /**
   * Backfilled plans (ocds_backfilled_plans) with an event in (since, until]: the plans the periodic
   * sync follows by the time of their events (each event table read by an index on its time). The
   * others are the backfill's (plansToBackfill).
   */
  backfilledPlansWithEvents(db: Db, since: Date, until: Date): Promise<{ id: string }[]> {
    return queryRows(
      db,
      `SELECT e.id FROM (
         SELECT id FROM plans WHERE published_at > $1 AND published_at <= $2
         UNION SELECT id FROM plans WHERE stage2_opens_at > $1 AND stage2_opens_at <= $2
         UNION SELECT h.plan_id FROM hearing_changes c JOIN hearings h ON h.id = c.hearing_id WHERE c.created_at > $1 AND c.created_at <= $2
         UNION SELECT plan_id FROM protocols WHERE published_at > $1 AND published_at <= $2
         UNION SELECT plan_id FROM review_conclusions WHERE closed_at > $1 AND closed_at <= $2
         UNION SELECT plan_id FROM notices WHERE published_at > $1 AND published_at <= $2
         UNION SELECT plan_id FROM outcomes WHERE published_at > $1 AND published_at <= $2
         UNION SELECT plan_id FROM remarks WHERE created_at > $1 AND created_at <= $2
         UNION SELECT r.plan_id FROM answers a JOIN remarks r ON r.id = a.remark_id WHERE a.published_at > $1 AND a.published_at <= $2
         UNION SELECT plan_id FROM answer_verdicts WHERE created_at > $1 AND created_at <= $2
         UNION SELECT plan_id FROM moderation_decisions WHERE created_at > $1 AND created_at <= $2
       ) e(id) JOIN ocds_backfilled_plans b ON b.plan_id = e.id`,
      [since, until],
    );
  }

  /** Up to `limit` published plans (by `until`) whose backfill is not done, oldest publication first (plans_published_idx). */
  plansToBackfill(db: Db, until: Date, limit: number): Promise<{ id: string }[]> {
    return queryRows(
      db,
      `SELECT p.id FROM plans p
        WHERE p.published_at IS NOT NULL AND p.published_at <= $1
          AND NOT EXISTS (SELECT 1 FROM ocds_backfilled_plans b WHERE b.plan_id = p.id)
        ORDER BY p.published_at, p.id LIMIT $2`,
      [until, limit],
    );
  }

  /**
   * Records whether every event of the plan up to now has its release: a done plan is followed by the
   * periodic pass; one left behind (a sync that stopped at its limit) goes back to the backfill.
   */
  async markBackfilled(em: EntityManager, planId: string, done: boolean, at: Date): Promise<void> {
    if (done)
      await queryRows(em, `INSERT INTO ocds_backfilled_plans (plan_id, backfilled_at) VALUES ($1, $2) ON CONFLICT (plan_id) DO NOTHING`, [
        planId,
        at,
      ]);
    else await queryRows(em, `DELETE FROM ocds_backfilled_plans WHERE plan_id = $1`, [planId]);
  }

  /** When the newest release was stored (null before any): the periodic sync's starting point after a restart. */
  async latestCreatedAt(db: Db): Promise<Date | null> {
    const rows = await queryRows<{ created_at: Date }>(
      db,
      `SELECT created_at FROM ocds_releases ORDER BY created_at DESC, seq DESC LIMIT 1`,
    );
    return rows[0]?.created_at ?? null;
  }
}
