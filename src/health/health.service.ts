import { Injectable } from '@nestjs/common';
import { HealthRepository, OutboxState } from './health.repository';

export type HealthReport =
  | { status: 'ok' | 'degraded'; database: { status: 'up'; latencyMs: number }; outbox: OutboxState }
  | { status: 'down'; database: { status: 'down'; error: string }; outbox: null };

/** Up, degraded (an e-mail failed for good, or one waits over ten minutes) or down (no database). */
@Injectable()
export class HealthService {
  constructor(private readonly health: HealthRepository) {}

  async check(): Promise<HealthReport> {
    const started = Date.now();
    try {
      const outbox = await this.health.outboxState();
      const status = outbox.failed > 0 || (outbox.oldestPendingSeconds ?? 0) > 600 ? 'degraded' : 'ok';
      return { status, database: { status: 'up', latencyMs: Date.now() - started }, outbox };
    } catch (error) {
      return { status: 'down', database: { status: 'down', error: error instanceof Error ? error.message : String(error) }, outbox: null };
    }
  }
}
