import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LocalizedText } from '../../common/i18n/localized-text';
import { queryRows } from '../../database/query-rows';
import { CURSOR_TIME_FORMAT, decodeTimeCursor, encodeTimeCursor, KeysetPage, keysetPage } from '../keyset-page';

/**
 * The read model of the council members' pages: one query per list, keyset pages (indexes
 * plans_review_open_idx, per organizer of the council, and review_conclusions_council_closed_idx). Positions and the closing of a
 * review go through ReviewsService.
 */

export interface AwaitingRow {
  id: string;
  title: LocalizedText;
  organization_name: LocalizedText;
  time_zone: string;
  protocol_published_at: Date;
  review_closes_at: Date;
  positions: number;
  mine: boolean;
  cursor_at: string;
}

export interface ReviewedRow {
  id: string;
  plan_id: string;
  title: LocalizedText;
  organization_name: LocalizedText;
  time_zone: string;
  closed_at: Date;
  result: string;
  quorum: boolean;
  positions_count: number;
  members_count: number;
  recs_total: number;
  recs_answered: number;
  recs_overdue: number;
  cursor_at: string;
}

/** The plan's and the organization's names of a raw row (jsonb) as LocalizedText. */
function names<R extends { title: LocalizedText; organization_name: LocalizedText }>(rows: R[]): R[] {
  return rows.map((r) => ({
    ...r,
    title: LocalizedText.fromStored(r.title) as LocalizedText,
    organization_name: LocalizedText.fromStored(r.organization_name) as LocalizedText,
  }));
}

export interface MyPositionRow {
  position: string;
  text: LocalizedText;
  /** The position's recommendations, oldest first (the order of its translation endpoint). */
  recommendations: LocalizedText[];
  created_at: Date;
}

@Injectable()
export class CouncilPagesRepository {
  constructor(private readonly db: DataSource) {}

  async councilName(councilId: string): Promise<LocalizedText | null> {
    const rows = await queryRows<{ name: unknown }>(this.db, 'SELECT name FROM councils WHERE id = $1', [councilId]);
    return LocalizedText.fromStored(rows[0]?.name);
  }

  /** Published protocols of the council's organizers whose review is open at `now`, the nearest deadline first. */
  async awaiting(councilId: string, memberId: string, now: Date, cursor: unknown, limit = 20): Promise<KeysetPage<AwaitingRow>> {
    const after = decodeTimeCursor(cursor);
    const rows = await queryRows<AwaitingRow>(
      this.db,
      `SELECT p.id, p.title, o.name AS organization_name, o.time_zone, p.protocol_published_at, p.review_closes_at,
              (SELECT count(*)::int FROM review_positions rp WHERE rp.plan_id = p.id) AS positions,
              EXISTS (SELECT 1 FROM review_positions rp WHERE rp.plan_id = p.id AND rp.member_id = $2) AS mine,
              to_char(p.review_closes_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at
         FROM plans p
         JOIN organizations o ON o.id = p.organization_id
        WHERE p.protocol_published_at IS NOT NULL AND p.review_closes_at >= $3
          AND o.council_id = $1
          AND NOT EXISTS (SELECT 1 FROM review_conclusions c WHERE c.plan_id = p.id)
          AND ($4::timestamptz IS NULL OR (p.review_closes_at, p.id) > ($4::timestamptz, $5::uuid))
        ORDER BY p.review_closes_at, p.id
        LIMIT $6`,
      [councilId, memberId, now, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return keysetPage(names(rows), limit, (r) => encodeTimeCursor(r.cursor_at, r.id));
  }

  /** The council's conclusions, newest first, with how its recommendations were answered. */
  async reviewed(councilId: string, now: Date, cursor: unknown, limit = 20): Promise<KeysetPage<ReviewedRow>> {
    const before = decodeTimeCursor(cursor);
    const rows = await queryRows<ReviewedRow>(
      this.db,
      `SELECT c.id, c.plan_id, p.title, o.name AS organization_name, o.time_zone, c.closed_at, c.result, c.quorum,
              c.positions_count, c.members_count, r.total AS recs_total, r.answered AS recs_answered, r.overdue AS recs_overdue,
              to_char(c.closed_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at
         FROM review_conclusions c
         JOIN plans p ON p.id = c.plan_id
         JOIN organizations o ON o.id = p.organization_id
         CROSS JOIN LATERAL (
              SELECT count(*)::int AS total,
                     count(*) FILTER (WHERE x.responded_at IS NOT NULL)::int AS answered,
                     count(*) FILTER (WHERE x.responded_at IS NULL AND x.response_due_at < $2)::int AS overdue
                FROM recommendations x WHERE x.plan_id = c.plan_id
         ) r
        WHERE c.council_id = $1
          AND ($3::timestamptz IS NULL OR (c.closed_at, c.id) < ($3::timestamptz, $4::uuid))
        ORDER BY c.closed_at DESC, c.id DESC
        LIMIT $5`,
      [councilId, now, before?.at ?? null, before?.id ?? null, limit + 1],
    );
    return keysetPage(names(rows), limit, (r) => encodeTimeCursor(r.cursor_at, r.id));
  }

  /** The member's own position on a plan, if recorded (review_positions_plan_member_uq). */
  async myPosition(planId: string, memberId: string): Promise<MyPositionRow | null> {
    const rows = await queryRows<MyPositionRow>(
      this.db,
      `SELECT p.position, p.text, p.created_at,
              coalesce((SELECT json_agg(r.text ORDER BY r.created_at, r.id) FROM recommendations r WHERE r.position_id = p.id), '[]') AS recommendations
         FROM review_positions p WHERE p.plan_id = $1 AND p.member_id = $2`,
      [planId, memberId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      ...row,
      text: LocalizedText.fromStored(row.text) as LocalizedText,
      recommendations: (row.recommendations as unknown[]).map((r) => LocalizedText.fromStored(r) as LocalizedText),
    };
  }
}
