import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { namedStatement } from '../database/statements';
import { OutboxAttachment } from './outbox-message.entity';

export interface OutboxInsert {
  dedupeKey: string;
  kind: string;
  recipient: string;
  locale: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: OutboxAttachment[];
  headers: Record<string, string>;
}

export interface ClaimedMessage {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: OutboxAttachment[];
  headers: Record<string, string>;
  attempts: number;
}

/**
 * Rows per INSERT statement. The rows travel as nine arrays (one per column) of a statement with a
 * fixed text, prepared once per connection: no statement text grows with the batch, and PostgreSQL
 * neither parses nor plans thousands of parameters per call (issue 18's sweep queues 200,000).
 */
const INSERT_BATCH = 2000;

const INSERT_SQL = namedStatement(
  'outbox_insert',
  `INSERT INTO outbox_messages (dedupe_key, kind, recipient, locale, subject, text_body, html_body, attachments, headers)
   SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[])
   ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1 AS queued`,
);

/** Every statement on the outbox_messages table. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts in the caller's transaction, skipping dedupe keys already queued; returns how many rows were new. */
  async insert(em: EntityManager, emails: OutboxInsert[]): Promise<number> {
    let queued = 0;
    for (let start = 0; start < emails.length; start += INSERT_BATCH) {
      const batch = emails.slice(start, start + INSERT_BATCH);
      const inserted = await queryRows<{ queued: number }>(em, INSERT_SQL, [
        batch.map((e) => e.dedupeKey),
        batch.map((e) => e.kind),
        batch.map((e) => e.recipient),
        batch.map((e) => e.locale),
        batch.map((e) => e.subject),
        batch.map((e) => e.text),
        batch.map((e) => e.html),
        batch.map((e) => JSON.stringify(e.attachments)),
        batch.map((e) => JSON.stringify(e.headers)),
      ]);
      queued += inserted.length;
    }
    return queued;
  }

  /**
   * Claims up to `limit` due messages for this worker with FOR UPDATE SKIP LOCKED: each becomes due
   * again only when its lease ends, and counts one more attempt.
   */
  claimDue(workerId: string, limit: number, leaseSeconds: number): Promise<ClaimedMessage[]> {
    return queryRows<ClaimedMessage>(
      this.db,
      `UPDATE outbox_messages SET next_attempt_at = now() + make_interval(secs => $3), locked_by = $1, attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient, subject, text_body, html_body, attachments, headers, attempts`,
      [workerId, limit, leaseSeconds],
    );
  }

  /** A failed attempt of a message this worker still holds: pending again after `retrySeconds`, or failed for good. */
  async recordFailure(id: string, workerId: string, error: string, final: boolean, retrySeconds: number): Promise<void> {
    await queryRows(
      this.db,
      `UPDATE outbox_messages SET last_error = $3, status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END,
         next_attempt_at = now() + make_interval(secs => $5)
       WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
      [id, workerId, error, final, retrySeconds],
    );
  }

  async markSent(id: string, workerId: string): Promise<void> {
    await queryRows(
      this.db,
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
      [id, workerId],
    );
  }
}
