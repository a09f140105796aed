import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Decision } from '../../outcomes/outcome.entity';
import type { ProcurementMethod } from '../../plans/plan.entity';
import type { HideReason } from '../../remarks/remark-moderation';
import { queryRows } from '../../database/query-rows';
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

  /** lockPlan without waiting: false (and no lock) while another sync of the plan holds it. */
  async tryLockPlan(em: EntityManager, planId: string): Promise<boolean> {
    const rows = await queryRows<{ locked: boolean }>(em, `SELECT pg_try_advisory_xact_lock(hashtext('ocds:' || $1::text)) AS locked`, [
      planId,
    ]);
    return rows[0]?.locked === true;
  }

  /** The date of the plan's latest stored release (null before the first): where the sync looks for new remark events. */
  async latestDate(db: Db, planId: string): Promise<Date | null> {
    const rows = await queryRows<{ date: Date }>(
      db,
      `SELECT date FROM ocds_releases WHERE plan_id = $1 ORDER BY date DESC, seq DESC LIMIT 1`,
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

  /** The plan's remarks accepted in (after, until] (remarks_plan_page_idx). */
  remarksBetween(db: Db, planId: string, after: Date | null, until: Date): Promise<RemarkEventRow[]> {
    return queryRows<RemarkEventRow>(
      db,
      `SELECT id, author_id, body, hidden_at, hidden_reason, created_at FROM remarks
        WHERE plan_id = $1 AND ($2::timestamptz IS NULL OR created_at > $2) AND created_at <= $3`,
      [planId, after, until],
    );
  }

  /** Answer versions published in (after, until] to the plan's remarks (answers_published_idx, or the plan's remarks first). */
  answersBetween(db: Db, planId: string, after: Date | null, until: Date): Promise<AnswerEventRow[]> {
    return queryRows<AnswerEventRow>(
      db,
      `SELECT a.id, a.remark_id, r.author_id, r.language, a.body, a.published_at
         FROM answers a JOIN remarks r ON r.id = a.remark_id
        WHERE r.plan_id = $1 AND ($2::timestamptz IS NULL OR a.published_at > $2) AND a.published_at <= $3`,
      [planId, after, until],
    );
  }

  /** Verdicts on the plan's answers given in (after, until] (answer_verdicts_created_idx or the plan's). */
  verdictsBetween(db: Db, planId: string, after: Date | null, until: Date): Promise<VerdictEventRow[]> {
    return queryRows<VerdictEventRow>(
      db,
      `SELECT id, remark_id, verdict, created_at FROM answer_verdicts
        WHERE plan_id = $1 AND ($2::timestamptz IS NULL OR created_at > $2) AND created_at <= $3`,
      [planId, after, until],
    );
  }

  /**
   * The plan's remarks hidden or restored in (after, until] (moderation_decisions_created_idx): only the
   * decisions that changed what the public sees (DECISION_CHANGED_PUBLIC_STATE_SQL).
   */
  moderationBetween(db: Db, planId: string, after: Date | null, until: Date): Promise<ModerationEventRow[]> {
    return queryRows<ModerationEventRow>(
      db,
      `SELECT d.remark_id, CASE d.action WHEN 'hide' THEN 'hidden' ELSE 'restored' END AS change, r.author_id, r.body, d.created_at
         FROM moderation_decisions d JOIN remarks r ON r.id = d.remark_id
        WHERE d.plan_id = $1 AND ($2::timestamptz IS NULL OR d.created_at > $2) AND d.created_at <= $3
          AND ${DECISION_CHANGED_PUBLIC_STATE_SQL}`,
      [planId, after, until],
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

  /** Every stored release of a plan in date order (ocds_releases_plan_date_idx). */
  planReleases(db: Db, planId: string): Promise<StoredRelease[]> {
    return queryRows<StoredRelease>(
      db,
      `SELECT r.seq::text AS seq, r.body FROM ocds_releases r WHERE r.plan_id = $1 ORDER BY r.date, r.seq`,
      [planId],
    );
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

  /** The current text state of every remark of a plan (the redaction pass of a plan's package). */
  planRemarkStates(db: Db, planId: string): Promise<RemarkStateRow[]> {
    return queryRows<RemarkStateRow>(db, `SELECT id, author_id, body, hidden_at, hidden_reason FROM remarks WHERE plan_id = $1`, [planId]);
  }

  /**
   * Published plans with an event in (since, until]: the plans the periodic sync visits (each event
   * table read by an index on its time). Every published plan when `since` is null.
   */
  plansWithEvents(db: Db, since: Date | null, until: Date): Promise<{ id: string }[]> {
    if (since === null) {
      return queryRows(db, `SELECT id FROM plans WHERE published_at IS NOT NULL AND published_at <= $1 ORDER BY published_at, id`, [until]);
    }
    return queryRows(
      db,
      `SELECT id FROM plans WHERE published_at > $1 AND published_at <= $2
       UNION SELECT id FROM plans WHERE stage2_opens_at > $1 AND stage2_opens_at <= $2
       UNION SELECT h.plan_id FROM hearing_changes c JOIN hearings h ON h.id = c.hearing_id WHERE c.created_at > $1 AND c.created_at <= $2
       UNION SELECT plan_id FROM protocols WHERE published_at > $1 AND published_at <= $2
       UNION SELECT plan_id FROM review_conclusions WHERE closed_at > $1 AND closed_at <= $2
       UNION SELECT plan_id FROM notices WHERE published_at > $1 AND published_at <= $2
       UNION SELECT plan_id FROM outcomes WHERE published_at > $1 AND published_at <= $2
       UNION SELECT plan_id FROM remarks WHERE created_at > $1 AND created_at <= $2
       UNION SELECT r.plan_id FROM answers a JOIN remarks r ON r.id = a.remark_id WHERE a.published_at > $1 AND a.published_at <= $2
       UNION SELECT plan_id FROM answer_verdicts WHERE created_at > $1 AND created_at <= $2
       UNION SELECT plan_id FROM moderation_decisions WHERE created_at > $1 AND created_at <= $2`,
      [since, until],
    );
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
