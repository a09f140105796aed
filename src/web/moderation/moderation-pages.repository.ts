import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { isUuid } from '../../common/ids';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { localizedRows } from '../../database/localized-rows';
import { queryRows } from '../../database/query-rows';
import type { HideReason } from '../../remarks/remark-moderation';

/** A remark of a published plan as the moderation pages show it around their forms. */
export interface RemarkContextRow {
  id: string;
  plan_id: string;
  plan_title: LocalizedText;
  organization_id: string;
  time_zone: string;
  stage: 1 | 2;
  author_id: string;
  author_name: string;
  /** The original text: pages pass it through remarkTextFor before showing it. */
  body: string;
  language: string;
  created_at: Date;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
}

/**
 * The moderation pages' read model: what ModerationService does not give (the remark in context for the
 * report form, the organizer's time zone). Lookups by primary key only.
 */
@Injectable()
export class ModerationPagesRepository {
  constructor(private readonly db: DataSource) {}

  /** The remark with its plan, organizer's time zone and author; REMARK_NOT_FOUND for an unknown id or a draft's. */
  async remark(remarkId: string): Promise<RemarkContextRow> {
    if (!isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const rows = await queryRows<RemarkContextRow>(
      this.db,
      `SELECT r.id, r.plan_id, p.title AS plan_title, p.organization_id, o.time_zone, r.stage, r.author_id, u.display_name AS author_name,
              r.body, r.language, r.created_at, r.hidden_at, r.hidden_reason
         FROM remarks r
         JOIN plans p ON p.id = r.plan_id
         JOIN organizations o ON o.id = p.organization_id
         JOIN users u ON u.id = r.author_id
        WHERE r.id = $1 AND p.published_at IS NOT NULL`,
      [remarkId],
    );
    if (rows.length === 0) throw new AppError('REMARK_NOT_FOUND');
    return localizedRows(rows, ['plan_title'])[0];
  }

  /** The organizers' time zones of plans (the queue's dates are shown in each plan's zone). */
  async timeZones(planIds: readonly string[]): Promise<Map<string, string>> {
    if (planIds.length === 0) return new Map();
    const rows = await queryRows<{ id: string; time_zone: string }>(
      this.db,
      `SELECT p.id, o.time_zone FROM plans p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ANY($1::uuid[])`,
      [[...new Set(planIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.time_zone]));
  }

  /** When the user reported the remark, or null (remark_reports_remark_reporter_uq). */
  async reportedAt(remarkId: string, userId: string): Promise<Date | null> {
    const rows = await queryRows<{ created_at: Date }>(
      this.db,
      `SELECT created_at FROM remark_reports WHERE remark_id = $1 AND reporter_id = $2`,
      [remarkId, userId],
    );
    return rows[0]?.created_at ?? null;
  }
}
