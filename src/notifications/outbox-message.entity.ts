import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * An e-mail written in the same transaction as the change that causes it. The dispatcher claims
 * due rows with FOR UPDATE SKIP LOCKED under a lease, so each is sent once by one instance.
 */
@Entity('outbox_messages')
@Check('outbox_status_ck', "status IN ('pending','sent','failed')")
@Index('outbox_due_idx', ['nextAttemptAt'], { where: "status = 'pending'" })
@Index('outbox_status_idx', ['status', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Makes enqueueing idempotent: the same event never queues the same e-mail twice. */
  @Index('outbox_dedupe_key_uq', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 300 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 2 })
  locale: string;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: OutboxAttachment[];

  /** Extra header lines, e.g. List-Unsubscribe and List-Unsubscribe-Post of a notification a person can do without. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers: Record<string, string>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'locked_by', type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
