import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';

export interface OutboxState {
  pending: number;
  failed: number;
  oldestPendingSeconds: number | null;
}

/** The one statement of the health check: the state of the e-mail outbox, which also proves the database answers. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  async outboxState(): Promise<OutboxState> {
    const [row] = await queryRows<{ pending: number; failed: number; oldest: number | null }>(
      this.db,
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::int AS oldest
       FROM outbox_messages WHERE status IN ('pending', 'failed')`,
    );
    return { pending: row.pending, failed: row.failed, oldestPendingSeconds: row.oldest };
  }
}
