import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Mailer, SMTP_CONNECTIONS, SMTP_SOCKET_TIMEOUT_MS } from './mailer';
import { ClaimedMessage, OutboxRepository } from './outbox.repository';
import { SentLog } from './outbox.sent-log';

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
 * message whose sender died mid-send becomes due again when the lease ends. A claimed message is
 * handed to the SMTP server only while its lease holds, and never once shutdown has begun: what is left
 * is given back at shutdown, due again at once for any instance (if that fails, it waits for its lease).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxDispatcher');
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private readonly sentLog: SentLog;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sentLog = new SentLog((ids) => this.outbox.markSent(ids, this.workerId));
  }

  onApplicationBootstrap(): void {
    if (this.config.dispatcherEnabled) this.schedule(200);
  }

  /**
   * The first shutdown hook, while the data source is still open (TypeORM closes it in
   * onApplicationShutdown): no further message goes to the SMTP server, and the ones on their way
   * are waited for (at most SHUTDOWN_WAIT_MS) so that they are recorded as sent or failed.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const running = this.running;
    if (!running) return;
    let bound: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      running.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (bound = setTimeout(() => resolve(false), SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(bound);
    if (!finished)
      this.logger.warn('shutdown: e-mails still on their way or not yet recorded; they may be sent again when their lease ends');
  }

  async onApplicationShutdown(): Promise<void> {
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
      sent = await this.run(BATCH_SIZE, true);
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox run failed; will retry');
    }
    if (!this.stopped) this.schedule(sent > 0 ? 0 : IDLE_POLL_MS);
  }

  /** Claims and sends one batch; returns how many were handled. Safe to call concurrently. */
  runOnce(batchSize = BATCH_SIZE): Promise<number> {
    return this.run(batchSize, false);
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

  private run(batchSize: number, keepClaiming: boolean): Promise<number> {
    if (this.running) return this.running;
    if (this.stopped) return Promise.resolve(0);
    this.running = this.process(batchSize, keepClaiming).finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Sends what it claims with SENDERS messages on their way at once. With `keepClaiming` (the
   * background loop) it claims the next batch while the last one is still being sent, until a claim
   * comes back short, so the SMTP connections never wait for the database; it returns only when
   * everything it claimed is sent (or given back) and recorded. A message whose lease ended while it
   * waited here is dropped (another instance may hold it by now); the rest of the queue at shutdown is
   * given back, due again at once.
   */
  private async process(batchSize: number, keepClaiming: boolean): Promise<number> {
    const queue: HeldMessage[] = [];
    const recorded: Promise<void>[] = [];
    let handled = 0;
    let expired = 0;
    let exhausted = false;
    // set and cleared by the senders as well, so not narrowed to null below
    let claiming = null as Promise<void> | null;
    const claim = (): Promise<void> =>
      (claiming ??= this.claim(batchSize)
        .then((rows) => {
          queue.push(...rows);
          handled += rows.length;
          if (rows.length < batchSize || !keepClaiming || this.stopped) exhausted = true;
        })
        .finally(() => (claiming = null)));
    await claim();
    const sender = async () => {
      for (;;) {
        if (this.stopped) return;
        if (!exhausted && !claiming && queue.length < batchSize / 2) {
          // claim ahead; a failed claim ends this run (the loop tries again a second later)
          claim().catch((error: unknown) => {
            exhausted = true;
            this.logger.warn({ err: error }, 'outbox claim failed; will retry');
          });
        }
        const row = queue.shift();
        if (row && Date.now() >= row.sendBy) expired++;
        else if (row) recorded.push((await this.deliver(row)).recorded);
        else if (claiming) await claiming.catch(() => undefined);
        else if (exhausted) return;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SENDERS, Math.max(1, queue.length)) }, sender));
    if (this.stopped) {
      // a claim may still be on its way
      await claiming?.catch(() => undefined);
      await this.giveBack(queue.splice(0));
    }
    await Promise.all(recorded);
    if (expired > 0) this.logger.warn({ expired }, 'claimed e-mails waited past their lease and were not sent; they are claimed again');
    return handled;
  }

  private async claim(batchSize: number): Promise<HeldMessage[]> {
    // a little before the database's lease ends (the clocks of hosts may differ a bit)
    const leaseMs = this.config.outbox.leaseSeconds * 1000;
    const leaseEnds = Date.now() + leaseMs - 5_000;
    // a send started later might still be under way when another instance claims the row again
    const sendBy = leaseEnds - Math.min(SEND_TIME_MS, leaseMs / 2);
    const rows = await this.outbox.claimDue(this.workerId, batchSize, this.config.outbox.leaseSeconds);
    return rows.map((row) => ({ ...row, leaseEnds, sendBy }));
  }

  /** At shutdown, the claimed messages that never went to the SMTP server are due again at once (not after their lease). */
  private async giveBack(rows: HeldMessage[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.outbox.giveBack(
        rows.map((row) => row.id),
        this.workerId,
      );
    } catch (error) {
      this.logger.warn(
        { err: error, count: rows.length },
        'shutdown: could not give back claimed e-mails; they are sent when their lease ends',
      );
    }
  }

  /** Sends one message; `recorded` settles when its outcome is in the database (or given up on at the lease's end). */
  private async deliver(row: HeldMessage): Promise<{ recorded: Promise<void> }> {
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
      this.logger.warn({ id: row.id, attempts: row.attempts, final, err: message }, 'e-mail not sent');
      // If this update fails too, the lease ends and the message is simply tried again.
      await this.outbox
        .recordFailure(row.id, this.workerId, message.slice(0, 2000), final, retrySeconds)
        .catch((e: unknown) =>
          this.logger.warn({ id: row.id, err: e }, 'could not record a failed attempt; the message is retried when its lease ends'),
        );
      return { recorded: Promise.resolve() };
    }
    return { recorded: this.sentLog.record(row.id, row.leaseEnds) };
  }
}

/**
 * How often an idle dispatcher looks for due mail. A commit in this process that queues mail wakes it
 * at once (`kick`); mail queued by another instance, or due again after a retry delay, waits at most this long.
 */
const IDLE_POLL_MS = 250;
/** Messages claimed per statement; the background loop claims the next batch when half of one is left. */
const BATCH_SIZE = 50;
/** Messages on their way to the SMTP server at once: one being sent and one waiting on each connection. */
const SENDERS = 2 * SMTP_CONNECTIONS;
/** How long a slow send may take (the SMTP connection's silence timeout): a message is sent only while its lease outlasts it. */
const SEND_TIME_MS = SMTP_SOCKET_TIMEOUT_MS;
/** How long shutdown waits for the messages on their way to be sent and recorded. */
export const SHUTDOWN_WAIT_MS = 10_000;

interface HeldMessage extends ClaimedMessage {
  /** Shortly before the message's lease in the database ends: after it, this worker neither sends it nor tries to record it. */
  leaseEnds: number;
  /** The last moment it may be handed to the SMTP server: a slow send then still ends within the lease. */
  sendBy: number;
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
