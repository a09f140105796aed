import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { localizedRows } from '../../database/localized-rows';
import { queryRows } from '../../database/query-rows';
import { CURSOR_TIME_FORMAT, decodeTimeCursor, encodeTimeCursor, KeysetPage, keysetPage } from '../keyset-page';
import type { RemarkRow } from '../public-pages.repository';

/** One remark of the signed-in citizen, with its plan and the latest version of its answer. */
export interface MyRemarkRow extends Pick<
  RemarkRow,
  | 'id'
  | 'stage'
  | 'body'
  | 'language'
  | 'author_id'
  | 'hidden_at'
  | 'hidden_reason'
  | 'created_at'
  | 'cursor_at'
  | 'answer_due_at'
  | 'answer_body'
  | 'answer_disposition'
  | 'answer_published_at'
  | 'answer_late'
  | 'answer_version'
  | 'verdict'
  | 'verdict_reason'
  | 'verdict_at'
  | 'verdict_version'
> {
  plan_id: string;
  plan_title: LocalizedText;
  time_zone: string;
}

/** A plan the user follows (or whose news they switched off), with when they did. */
export interface FollowedPlanRow {
  plan_id: string;
  plan_title: LocalizedText;
  time_zone: string;
  since: Date;
  cursor_at: string;
}

export interface Participation {
  following: boolean;
  signedUp: boolean;
}

/**
 * A page of a user's remarks, newest first, keyset on (created_at, id) descending, each with its
 * plan, the latest answer version and the author's verdict on it; `late` is that of the official answer (version 1). It walks
 * remarks_author_idx (author_id, created_at, id) backwards and stops after one page.
 */
export function myRemarksSql(userId: string, after: { at: string; id: string } | null, limit: number): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT r.id, r.stage, r.body, r.language, r.author_id, r.hidden_at, r.hidden_reason, r.created_at, to_char(r.created_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at,
              r.answer_due_at, p.id AS plan_id, p.title AS plan_title, o.time_zone,
              a.body AS answer_body, a.disposition AS answer_disposition, a.published_at AS answer_published_at, first.late AS answer_late,
              a.version AS answer_version, v.verdict, v.reason AS verdict_reason, v.created_at AS verdict_at, a.version AS verdict_version
         FROM remarks r
         JOIN plans p ON p.id = r.plan_id
         JOIN organizations o ON o.id = p.organization_id
         LEFT JOIN answers first ON first.remark_id = r.id AND first.version = 1
         LEFT JOIN LATERAL (SELECT x.id, x.body, x.disposition, x.published_at, x.version FROM answers x WHERE x.remark_id = r.id ORDER BY x.version DESC LIMIT 1) a ON true
         LEFT JOIN LATERAL (SELECT z.verdict, z.reason, z.created_at FROM answer_verdicts z
                             WHERE z.answer_id = a.id ORDER BY z.created_at DESC, z.id DESC LIMIT 1) v ON true
        WHERE r.author_id = $1
          AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2::timestamptz, $3::uuid))
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT $4`,
    params: [userId, after?.at ?? null, after?.id ?? null, limit],
  };
}

/** Follows, not switched off, after the keyset position ($2, $3). */
const FOLLOWED_FILTER = `x.kind = 'follow'
             AND NOT EXISTS (SELECT 1 FROM plan_news_opt_outs n WHERE n.user_id = x.user_id AND n.plan_id = x.plan_id)
             AND ($2::timestamptz IS NULL OR (x.created_at, x.plan_id) < ($2::timestamptz, $3::uuid))`;

/**
 * The plans of one user's rows in `table` (plan_subscriptions or plan_news_opt_outs: user_id, plan_id,
 * created_at) that match `filter`, latest first, with their titles and time zones; $1 is the user.
 */
function userPlansSql(table: 'plan_subscriptions' | 'plan_news_opt_outs', filter: typeof FOLLOWED_FILTER | 'true'): string {
  return `SELECT x.plan_id, p.title AS plan_title, o.time_zone, x.created_at AS since,
                 to_char(x.created_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at
            FROM ${table} x
            JOIN plans p ON p.id = x.plan_id
            JOIN organizations o ON o.id = p.organization_id
           WHERE x.user_id = $1 AND ${filter}
           ORDER BY x.created_at DESC, x.plan_id DESC`;
}

/** The citizen pages' read model: one query per list, keyset pages. */
@Injectable()
export class CitizenPagesRepository {
  constructor(private readonly db: DataSource) {}

  /** A page of the user's remarks (myRemarksSql) and the cursor of the next one. */
  async myRemarks(userId: string, cursor: string | null, limit = 20): Promise<KeysetPage<MyRemarkRow>> {
    const { sql, params } = myRemarksSql(userId, decodeTimeCursor(cursor), limit + 1);
    const rows = localizedRows(await queryRows<MyRemarkRow>(this.db, sql, params), ['plan_title', 'answer_body']);
    return keysetPage(rows, limit, (r) => encodeTimeCursor(r.cursor_at, r.id));
  }

  /**
   * A page of the plans the user follows, latest first, keyset on (created_at, plan_id) descending
   * (plan_subscriptions_user_idx: user_id, kind, created_at, plan_id). A plan whose news the user
   * switched off is not among them even when a later remark followed it again (the remark's follow
   * leaves the unsubscribe in force): it is in newsOffPlans.
   */
  async followedPlans(userId: string, cursor: string | null, limit = 20): Promise<KeysetPage<FollowedPlanRow>> {
    const after = decodeTimeCursor(cursor);
    const rows = await queryRows<FollowedPlanRow>(this.db, `${userPlansSql('plan_subscriptions', FOLLOWED_FILTER)} LIMIT $4`, [
      userId,
      after?.at ?? null,
      after?.id ?? null,
      limit + 1,
    ]);
    return keysetPage(localizedRows(rows, ['plan_title']), limit, (r) => encodeTimeCursor(r.cursor_at, r.plan_id));
  }

  /**
   * The plans whose news the user switched off (an e-mail's unsubscribe link), latest first, at most
   * `limit` (primary key), and whether there are more.
   */
  async newsOffPlans(userId: string, limit = 50): Promise<{ items: FollowedPlanRow[]; more: boolean }> {
    const rows = await queryRows<FollowedPlanRow>(this.db, `${userPlansSql('plan_news_opt_outs', 'true')} LIMIT $2`, [userId, limit + 1]);
    return { items: localizedRows(rows.slice(0, limit), ['plan_title']), more: rows.length > limit };
  }

  /** Whether the user follows the plan and is signed up for its hearing (primary-key lookups). */
  async participation(planId: string, userId: string): Promise<Participation> {
    const [row] = await queryRows<Participation>(
      this.db,
      `SELECT coalesce(bool_or(kind = 'follow'), false) AS following, coalesce(bool_or(kind = 'hearing_signup'), false) AS "signedUp"
         FROM plan_subscriptions WHERE plan_id = $1 AND user_id = $2`,
      [planId, userId],
    );
    return row ?? { following: false, signedUp: false };
  }
}
