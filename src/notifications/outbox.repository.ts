import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { wellFormed } from '../common/well-formed';
import { queryRows } from '../database/query-rows';
import { namedStatement, unnamedStatement } from '../database/statements';
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
 * Rows per INSERT statement. The rows travel as one JSON array, the parameter of a statement with a
 * fixed text prepared once per connection: no statement text grows with the batch, PostgreSQL neither
 * parses nor plans thousands of parameters per call, and the rows are serialized by JSON.stringify
 * (native) rather than escaped into array literals by pg in JavaScript (issue 18's sweep queues
 * 200,000 e-mails, and its instances share two cores with PostgreSQL).
 */
const INSERT_BATCH = 2000;

const INSERT_SQL = namedStatement(
  'outbox_insert',
  `INSERT INTO outbox_messages (dedupe_key, kind, recipient, locale, subject, text_body, html_body, attachments, headers)
   SELECT r.dedupe_key, r.kind, r.recipient, r.locale, r.subject, r.text_body, r.html_body, r.attachments, r.headers
   FROM json_to_recordset($1::json) AS r(dedupe_key varchar, kind varchar, recipient varchar, locale varchar, subject varchar,
                                          text_body text, html_body text, attachments jsonb, headers jsonb)
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
      const rows = emails.slice(start, start + INSERT_BATCH).map((e) => ({
        dedupe_key: e.dedupeKey,
        kind: e.kind,
        recipient: e.recipient,
        locale: e.locale,
        subject: e.subject,
        text_body: e.text,
        html_body: e.html,
        attachments: e.attachments,
        headers: e.headers,
      }));
      // a lone surrogate (an emoji cut by a template's slice) would make the whole JSON parameter invalid
      const json = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? wellFormed(value) : value));
      const inserted = await queryRows<{ queued: number }>(em, INSERT_SQL, [json]);
      queued += inserted.length;
    }
    return queued;
  }

  /**
   * Claims up to `limit` due messages for this worker with FOR UPDATE SKIP LOCKED: each becomes due
   * again only when its lease ends, and counts one more attempt.
   */
  claimDue(workerId: string, limit: number, leaseSeconds: number): Promise<ClaimedMessage[]> {
    return queryRows<ClaimedMessage>(this.db, CLAIM_DUE_SQL, [workerId, limit, leaseSeconds]);
  }

  /** A failed attempt of a message this worker still holds: pending again after `retrySeconds`, or failed for good. */
  async recordFailure(id: string, workerId: string, error: string, final: boolean, retrySeconds: number): Promise<void> {
    await queryRows(this.db, RECORD_FAILURE_SQL, [id, workerId, error, final, retrySeconds]);
  }

  /**
   * Messages this worker claimed but never handed to the SMTP server (it is shutting down): due again
   * at once for any instance, their attempt not counted, instead of waiting for the lease to end.
   */
  async giveBack(ids: string[], workerId: string): Promise<void> {
    await queryRows(this.db, GIVE_BACK_SQL, [ids, workerId]);
  }

  /** Messages this worker holds and the SMTP server accepted, in one statement (the dispatcher groups the ones accepted meanwhile). */
  async markSent(ids: string[], workerId: string): Promise<void> {
    await queryRows(this.db, MARK_SENT_SQL, [ids, workerId]);
  }
}

/*
 * The dispatcher's statements run for every message, so they are parsed and planned once per
 * connection. Their generic plans are their custom ones: the claim walks outbox_due_idx (partial on
 * 'pending', in next_attempt_at order) up to the limit, the updates find their rows by primary key.
 */
// Unnamed on purpose: the outbox swings from empty to 10,000s of due rows at once. A generic plan made
// while it was nearly empty (the idle dispatcher runs this four times a second) kept the claim at 4-6 s a
// call after a burst, until autoanalyze; a custom plan is made for the table as it is.
const CLAIM_DUE_SQL = unnamedStatement(
  `UPDATE outbox_messages SET next_attempt_at = now() + make_interval(secs => $3), locked_by = $1, attempts = attempts + 1
   WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
   RETURNING id, recipient, subject, text_body, html_body, attachments, headers, attempts`,
);

const RECORD_FAILURE_SQL = namedStatement(
  'outbox_record_failure',
  `UPDATE outbox_messages SET last_error = $3, status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END,
     next_attempt_at = now() + make_interval(secs => $5)
   WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
);

const MARK_SENT_SQL = namedStatement(
  'outbox_mark_sent',
  `UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL
   WHERE id = ANY($1::uuid[]) AND locked_by = $2 AND status = 'pending'`,
);

// once per shutdown: unnamed
const GIVE_BACK_SQL = unnamedStatement(
  `UPDATE outbox_messages SET next_attempt_at = now(), locked_by = NULL, attempts = greatest(attempts - 1, 0)
   WHERE id = ANY($1::uuid[]) AND locked_by = $2 AND status = 'pending'`,
);
