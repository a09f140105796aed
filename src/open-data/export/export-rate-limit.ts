import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { rateLimited } from '../../identity/rate-limiter';
import { RateLimitsRepository } from '../../identity/rate-limits.repository';

const HOUR_MS = 3600_000;

/**
 * A bulk export reads every public remark: EXPORT_RATE_PER_HOUR (30) of them per client IP address
 * per hour, counted in PostgreSQL (rate_limit_counters) so that every instance sees the same count.
 * Operational protection, so it runs on the real time, not the sandbox clock.
 */
@Injectable()
export class ExportRateLimit {
  /** The real time in milliseconds; tests replace it. */
  now: () => number = () => Date.now();

  constructor(
    private readonly counters: RateLimitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one export of `ip`; 429 RATE_LIMITED with Retry-After past the limit. */
  async hit(ip: string): Promise<void> {
    const now = this.now();
    const key = createHash('sha256').update(ip).digest('hex');
    const [count] = await this.counters.hit([{ bucket: 'export:ip', key, windowMs: HOUR_MS }], new Date(now));
    if (count.count > this.config.openData.exportsPerHour) throw rateLimited(count.expiresAt.getTime(), now);
  }
}
