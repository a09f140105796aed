import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Mailer } from './mailer';
import { ClaimedMessage, OutboxRepository } from './outbox.repository';

export const MAX_ATTEMPTS = 10;

/** Seconds to wait before attempt n+1: base, 2 base, 4 base, ... capped at max. */
export function retryDelaySeconds(attempts: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/** The default timing (OUTBOX_RETRY_BASE_SECONDS, OUTBOX_RETRY_MAX_SECONDS): 10 s, 20 s, 40 s, ... capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return retryDelaySeconds(attempts, 10, 3600);
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
    private readonly outbox: OutboxRepository,
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
    // a little before the database's lease ends (the clocks of hosts may differ a bit)
    const leaseEnds = Date.now() + (this.config.outbox.leaseSeconds - 5) * 1000;
    const rows = await this.outbox.claimDue(this.workerId, batchSize, this.config.outbox.leaseSeconds);
    if (rows.length === 0) return 0;
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) await this.deliver(row, leaseEnds);
    };
    await Promise.all(Array.from({ length: Math.min(10, rows.length) }, worker));
    return rows.length;
  }

  private async deliver(row: ClaimedMessage, leaseEnds: number): Promise<void> {
    try {
      await this.mailer.send({
        id: row.id,
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        attachments: row.attachments,
        headers: row.headers,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = isPermanentFailure(error) && row.attempts >= MAX_ATTEMPTS;
      const retrySeconds = retryDelaySeconds(row.attempts, this.config.outbox.retryBaseSeconds, this.config.outbox.retryMaxSeconds);
      // If this update fails too, the lease ends and the message is simply tried again.
      await this.outbox
        .recordFailure(row.id, this.workerId, message.slice(0, 2000), final, retrySeconds)
        .catch((e: unknown) =>
          this.logger.warn({ id: row.id, err: e }, 'could not record a failed attempt; the message is retried when its lease ends'),
        );
      this.logger.warn({ id: row.id, attempts: row.attempts, final, err: message }, 'e-mail not sent');
      return;
    }
    // The message is out. Record that even through a database outage: a row left pending would be
    // sent a second time by whichever instance claims it when the lease ends.
    for (let delay = 200; ; delay = Math.min(2 * delay, 5000)) {
      try {
        await this.outbox.markSent(row.id, this.workerId);
        return;
      } catch (error) {
        if (Date.now() + delay >= leaseEnds) {
          this.logger.error({ id: row.id, err: error }, 'e-mail sent but not recorded before its lease ended; it may be sent twice');
          return;
        }
        this.logger.warn({ id: row.id, err: error }, 'e-mail sent; recording it failed, trying again');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}

/**
 * A refusal for good (an SMTP 5xx reply) makes a message 'failed' after MAX_ATTEMPTS. Anything else
 * (no connection, a timeout, a 4xx "try later") is an outage and is retried, at most every
 * OUTBOX_RETRY_MAX_SECONDS, until it ends: an e-mail is never given up because the mail server was away.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
