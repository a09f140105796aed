import { Logger } from '@nestjs/common';

/**
 * Records messages the SMTP server accepted as sent. The ones accepted while an update is on its
 * way go together in the next one, so a busy dispatcher writes one statement per group instead of
 * one per message, and a message waits at most one more round trip to be recorded. A failed update
 * is tried again, even through a database outage, until shortly before each message's lease ends: a
 * row left pending would be sent a second time by whichever instance claims it next.
 */
export class SentLog {
  private waiting: { id: string; leaseEnds: number; done: () => void }[] = [];
  private writing = false;
  private readonly logger = new Logger('OutboxDispatcher');

  constructor(private readonly write: (ids: string[]) => Promise<void>) {}

  record(id: string, leaseEnds: number): Promise<void> {
    return new Promise<void>((done) => {
      this.waiting.push({ id, leaseEnds, done });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    try {
      await this.writeWaiting();
    } finally {
      this.writing = false;
    }
  }

  private async writeWaiting(): Promise<void> {
    let delay = 200;
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.write(group.map((m) => m.id));
        group.forEach((m) => m.done());
        delay = 200;
      } catch (error) {
        const now = Date.now();
        const kept = group.filter((m) => now + delay < m.leaseEnds);
        for (const m of group) {
          if (kept.includes(m)) continue;
          this.logger.error({ id: m.id, err: error }, 'e-mail sent but not recorded before its lease ended; it may be sent twice');
          m.done();
        }
        if (kept.length > 0)
          this.logger.warn({ ids: kept.map((m) => m.id), err: error }, 'e-mails sent; recording them failed, trying again');
        this.waiting = [...kept, ...this.waiting];
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(2 * delay, 5000);
      }
    }
  }
}
