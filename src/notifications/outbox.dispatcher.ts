import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queryRows } from '../database/query-rows';
import { Mailer } from './mailer';
import { OutboxAttachment } from './outbox-message.entity';

interface ClaimedRow {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: OutboxAttachment[];
  attempts: number;
}

export const MAX_ATTEMPTS = 10;

/** Seconds to wait before attempt n+1: 10 s, 20 s, 40 s, ... capped at one hour (OUTBOX_RETRY_* change both). */
export function backoffSeconds(attempts: number, baseSeconds = 10, maxSeconds = 3600): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends queued e-mails. Claims due rows with FOR UPDATE SKIP LOCKED and a lease (next_attempt_at
 * moved forward), so any number of instances can run at once and each message goes out once; a
 * message whose sender died mid-send becomes due again when the lease ends.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxDispatcher');
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.dispatcherEnabled) this.schedule(200);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.mailer.close();
  }

  /** Asks for a run soon (after a commit that queued mail). */
  kick(): void {
    if (this.config.dispatcherEnabled && !this.stopped) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), delayMs);
  }

  private async loop(): Promise<void> {
    let sent = 0;
    try {
      sent = await this.runOnce();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox run failed; will retry');
    }
    if (!this.stopped) this.schedule(sent > 0 ? 0 : 1000);
  }

  /** Claims and sends one batch; returns how many were handled. Safe to call concurrently. */
  runOnce(batchSize = 50): Promise<number> {
    if (this.running) return this.running;
    this.running = this.process(batchSize).finally(() => (this.running = null));
    return this.running;
  }

  /** Runs until nothing is due (for tests and the benchmark). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.runOnce();
      total += handled;
      if (handled === 0) return total;
    }
  }

  private async process(batchSize: number): Promise<number> {
    const rows = await queryRows<ClaimedRow>(
      this.dataSource,
      `UPDATE outbox_messages SET next_attempt_at = now() + make_interval(secs => $3), locked_by = $1, attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient, subject, text_body, html_body, attachments, attempts`,
      [this.workerId, batchSize, this.config.outbox.leaseSeconds],
    );
    if (rows.length === 0) return 0;
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) await this.deliver(row);
    };
    await Promise.all(Array.from({ length: Math.min(10, rows.length) }, worker));
    return rows.length;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    try {
      await this.mailer.send({ id: row.id, to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body, attachments: row.attachments });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = row.attempts >= MAX_ATTEMPTS;
      await this.dataSource.query(
        `UPDATE outbox_messages SET last_error = $3, status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END,
           next_attempt_at = now() + make_interval(secs => $5)
         WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
        [row.id, this.workerId, message.slice(0, 2000), final, backoffSeconds(row.attempts, this.config.outbox.retryBaseSeconds, this.config.outbox.retryMaxSeconds)],
      );
      this.logger.warn({ id: row.id, attempts: row.attempts, final, err: message }, 'e-mail not sent');
      return;
    }
    await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
      [row.id, this.workerId],
    );
  }
}
