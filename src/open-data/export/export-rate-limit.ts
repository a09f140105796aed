import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AppError } from '../../common/errors/app-error';
import { rateLimited } from '../../identity/rate-limiter';
import { RateLimitsRepository } from '../../identity/rate-limits.repository';

const HOUR_MS = 3600_000;

/** Exports one instance streams at the same time; one more is refused. */
export const CONCURRENT_EXPORTS = 2;

/** The Retry-After of an export refused because CONCURRENT_EXPORTS are running, in seconds. */
export const BUSY_RETRY_SECONDS = 30;

/**
 * Whose exports count together: an IPv4 address (also written IPv4-mapped, ::ffff:192.0.2.1) as
 * itself, an IPv6 address by its /64 prefix (the network of one subscriber, who holds all of its
 * 2^64 addresses).
 */
export function exportClientKey(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  const v4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = v4Tail.slice(1).map(Number);
    text = text.slice(0, v4Tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}

/**
 * A bulk export reads every public remark: EXPORT_RATE_PER_HOUR (30) of them per client (see
 * exportClientKey) per hour, counted in PostgreSQL (rate_limit_counters) so that every instance sees
 * the same count; and at most CONCURRENT_EXPORTS at a time on one instance (429 RATE_LIMITED with
 * Retry-After BUSY_RETRY_SECONDS past that: the client may come back, nothing is broken).
 * Operational protection, so it runs on the real time, not the sandbox clock.
 */
@Injectable()
export class ExportRateLimit {
  /** The real time in milliseconds; tests replace it. */
  now: () => number = () => Date.now();
  /** Exports streaming now on this instance. */
  private running = 0;
  /** At most this many at once (tests change it). */
  concurrent = CONCURRENT_EXPORTS;

  constructor(
    private readonly counters: RateLimitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one export of `ip`; 429 RATE_LIMITED with Retry-After past the limit. */
  async hit(ip: string): Promise<void> {
    const now = this.now();
    const key = createHash('sha256').update(exportClientKey(ip)).digest('hex');
    const [count] = await this.counters.hit([{ bucket: 'export:ip', key, windowMs: HOUR_MS }], new Date(now));
    if (count.count > this.config.openData.exportsPerHour) throw rateLimited(count.expiresAt.getTime(), now);
  }

  /** Takes one of the instance's export slots, or 429 RATE_LIMITED; call the answer once when the export ends. */
  take(): () => void {
    if (this.running >= this.concurrent) {
      const busy = new AppError('RATE_LIMITED');
      busy.headers['retry-after'] = String(BUSY_RETRY_SECONDS);
      throw busy;
    }
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
    };
  }
}
