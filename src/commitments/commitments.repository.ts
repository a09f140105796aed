import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LocalizedText } from '../common/i18n/localized-text';
import { queryRows } from '../database/query-rows';
import { User } from '../identity/user.entity';
import { Remark } from '../remarks/remark.entity';
import type { HideReason } from '../remarks/remark-moderation';
import { CommitmentVerdict } from './commitment-verdict.entity';
import { Commitment } from './commitment.entity';

/** A stage-1 remark whose latest answer accepts it, fully or partly: a commitment. */
export interface CandidateRow {
  remark_id: string;
  remark_body: string;
  author_id: string;
  author_name: string;
  /** Hidden by a moderator: when and why (null while public). */
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  answer_id: string;
  answer_version: number;
  /** jsonb {kk, ru, en}: read it with LocalizedText.fromStored. */
  answer_body: unknown;
  disposition: 'accepted' | 'partially_accepted';
}

/** A commitment version with the remark it keeps. */
export interface VersionRow {
  id: string;
  remark_id: string;
  version: number;
  answer_id: string;
  disposition: 'accepted' | 'partially_accepted';
  status: 'implemented' | 'not_implemented';
  document: string | null;
  location: string | null;
  explanation: string;
  published_at: Date;
  remark_body: string;
  author_id: string;
  author_name: string;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
}

export interface VerdictRow {
  commitment_id: string;
  verdict: 'confirmed' | 'disputed';
  reason: string | null;
  created_at: Date;
  dispute_remark_id: string | null;
}

/** What the view of a plan's commitments needs of the plan. */
export interface PlanTimesRow {
  time_zone: string;
  notice_published_at: Date | null;
  stage2_opens_at: Date | null;
  stage2_closes_at: Date | null;
  outcome_published_at: Date | null;
}

const CANDIDATES_SQL = `SELECT r.id AS remark_id, r.body AS remark_body, r.author_id, u.display_name AS author_name, r.hidden_at, r.hidden_reason,
       a.id AS answer_id, a.version AS answer_version, a.body AS answer_body, a.disposition
  FROM remarks r
  JOIN users u ON u.id = r.author_id
  JOIN LATERAL (SELECT x.id, x.version, x.body, x.disposition FROM answers x WHERE x.remark_id = r.id ORDER BY x.version DESC LIMIT 1) a ON true
 WHERE r.plan_id = $1 AND r.stage = 1 AND a.disposition IN ('accepted', 'partially_accepted')
 ORDER BY r.created_at, r.id`;

/** Every statement on commitments and their verdicts (and the dispute remarks they file). */
@Injectable()
export class CommitmentsRepository {
  /** The plan's commitments as its answers make them now, oldest remark first. */
  candidates(db: DataSource | EntityManager, planId: string): Promise<CandidateRow[]> {
    return queryRows<CandidateRow>(db, CANDIDATES_SQL, [planId]);
  }

  /** Every version of the plan's commitments, by remark (oldest first), then version. */
  versions(db: DataSource | EntityManager, planId: string): Promise<VersionRow[]> {
    return queryRows<VersionRow>(
      db,
      `SELECT c.id, c.remark_id, c.version, c.answer_id, c.disposition, c.status, c.document, c.location, c.explanation, c.published_at,
              r.body AS remark_body, r.author_id, u.display_name AS author_name, r.hidden_at, r.hidden_reason
         FROM commitments c JOIN remarks r ON r.id = c.remark_id JOIN users u ON u.id = r.author_id
        WHERE c.plan_id = $1
        ORDER BY r.created_at, r.id, c.version`,
      [planId],
    );
  }

  /** Every verdict on the plan's commitments, oldest first (the latest of a version is its verdict). */
  verdicts(db: DataSource | EntityManager, planId: string): Promise<VerdictRow[]> {
    return queryRows<VerdictRow>(
      db,
      `SELECT commitment_id, verdict, reason, created_at, dispute_remark_id
         FROM commitment_verdicts WHERE plan_id = $1 ORDER BY created_at, id`,
      [planId],
    );
  }

  async planTimes(db: DataSource | EntityManager, planId: string): Promise<PlanTimesRow | null> {
    const [row] = await queryRows<PlanTimesRow>(
      db,
      `SELECT o.time_zone, p.notice_published_at, p.stage2_opens_at, p.stage2_closes_at, p.outcome_published_at
         FROM plans p JOIN organizations o ON o.id = p.organization_id WHERE p.id = $1`,
      [planId],
    );
    return row ?? null;
  }

  /** The titles of the documents of the plan's current notice (its latest version), every language of each. */
  async noticeTitles(em: EntityManager, planId: string): Promise<LocalizedText[]> {
    const [row] = await queryRows<{ documents: { title: unknown }[] }>(
      em,
      'SELECT documents FROM notices WHERE plan_id = $1 ORDER BY version DESC LIMIT 1',
      [planId],
    );
    return (row?.documents ?? []).flatMap((d) => LocalizedText.fromStored(d.title) ?? []);
  }

  /** Which of the plan's commitments the user's own remarks made. */
  async ownRemarkIds(db: DataSource, planId: string, userId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      'SELECT DISTINCT r.id FROM remarks r JOIN commitments c ON c.remark_id = r.id WHERE r.plan_id = $1 AND r.author_id = $2',
      [planId, userId],
    );
    return rows.map((r) => r.id);
  }

  latest(em: EntityManager, remarkId: string): Promise<Commitment | null> {
    return em.getRepository(Commitment).findOne({ where: { remarkId }, order: { version: 'DESC' } });
  }

  insert(em: EntityManager, row: Omit<Commitment, 'id' | 'plan' | 'remark' | 'answer' | 'author'>): Promise<Commitment> {
    return em.getRepository(Commitment).save(row);
  }

  /** The remark, its row locked until the transaction ends (one verdict, one dispute remark at a time). */
  /** The plan of a remark, read without a lock (to lock the plan first, then the remark). */
  async planIdOfRemark(em: EntityManager, remarkId: string): Promise<string | null> {
    const [row] = await queryRows<{ plan_id: string }>(em, 'SELECT plan_id FROM remarks WHERE id = $1', [remarkId]);
    return row?.plan_id ?? null;
  }

  lockRemark(em: EntityManager, remarkId: string): Promise<Remark | null> {
    return em.getRepository(Remark).findOne({ where: { id: remarkId }, lock: { mode: 'pessimistic_write' } });
  }

  insertVerdict(
    em: EntityManager,
    row: Omit<CommitmentVerdict, 'id' | 'commitment' | 'remark' | 'plan' | 'author' | 'disputeRemark'>,
  ): Promise<CommitmentVerdict> {
    return em.getRepository(CommitmentVerdict).save(row);
  }

  /** When the author's latest verdict on the remark's commitments was recorded (index commitment_verdicts_plan_idx). */
  async lastVerdictAt(em: EntityManager, planId: string, remarkId: string): Promise<Date | null> {
    const [row] = await queryRows<{ at: Date | null }>(
      em,
      'SELECT max(created_at) AS at FROM commitment_verdicts WHERE plan_id = $1 AND remark_id = $2',
      [planId, remarkId],
    );
    return row?.at ? new Date(row.at) : null;
  }

  /** The dispute remark already filed against this commitment version, if any. */
  async disputeOf(em: EntityManager, commitmentId: string): Promise<string | null> {
    const [row] = await queryRows<{ dispute_remark_id: string }>(
      em,
      'SELECT dispute_remark_id FROM commitment_verdicts WHERE commitment_id = $1 AND dispute_remark_id IS NOT NULL LIMIT 1',
      [commitmentId],
    );
    return row?.dispute_remark_id ?? null;
  }

  insertRemark(em: EntityManager, row: Omit<Remark, 'id' | 'plan' | 'author' | 'disputes'>): Promise<Remark> {
    return em.getRepository(Remark).save(row);
  }

  user(em: EntityManager, userId: string): Promise<User> {
    return em.getRepository(User).findOneOrFail({ where: { id: userId } });
  }
}
