import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';

@Injectable()
export class ReviewSweepRepository {
  /** Plans whose council review period ended without a conclusion, the longest overdue first. */
  due(db: DataSource, now: Date, limit: number): Promise<{ id: string }[]> {
    return queryRows<{ id: string }>(
      db,
      `SELECT p.id FROM plans p
        WHERE p.review_closes_at IS NOT NULL AND p.review_closes_at < $1 AND p.protocol_published_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM review_conclusions c WHERE c.plan_id = p.id)
        ORDER BY p.review_closes_at LIMIT ${limit}`,
      [now],
    );
  }
}
