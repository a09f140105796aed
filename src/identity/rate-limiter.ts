import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import { CounterHit, CounterValue, RateLimitsRepository } from './rate-limits.repository';
import { emailKey } from './users.service';

export interface RateLimits {
  /** Length of the window in milliseconds. */
  windowMs: number;
  /**
   * Attempts per e-mail address within the window (registration, password reset, verification
   * e-mails); for signing in, failed attempts per e-mail address from one client (IP address).
   */
  perEmail: number;
  /** Attempts per client IP within the window. */
  perIp: number;
  /** Failed sign-ins of one account, from all clients, within the window before the account is slowed down. */
  slowAfter: number;
  /** The longest wait between two sign-in attempts on a slowed-down account (it starts at 1 second and doubles). */
  slowMaxMs: number;
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : fallback;
}

/**
 * Defaults: 10 attempts per e-mail (failed sign-ins per e-mail and IP address) and 200 per IP address
 * in 15 minutes, an account slowed down after 10 failed sign-ins by waits of up to 60 seconds; change
 * them with RATE_LIMIT_WINDOW_SECONDS, RATE_LIMIT_PER_EMAIL, RATE_LIMIT_PER_IP,
 * RATE_LIMIT_SLOWDOWN_AFTER and RATE_LIMIT_SLOWDOWN_MAX_SECONDS.
 */
export function defaultRateLimits(): RateLimits {
  return {
    windowMs: envInt('RATE_LIMIT_WINDOW_SECONDS', 15 * 60) * 1000,
    perEmail: envInt('RATE_LIMIT_PER_EMAIL', 10),
    perIp: envInt('RATE_LIMIT_PER_IP', 200),
    slowAfter: envInt('RATE_LIMIT_SLOWDOWN_AFTER', 10),
    slowMaxMs: envInt('RATE_LIMIT_SLOWDOWN_MAX_SECONDS', 60) * 1000,
  };
}

/** A client that signed in to an account is that account's own client for this long. */
const KNOWN_CLIENT_MS = 30 * 24 * 3600 * 1000;
/** How often an instance deletes the counters whose window has ended. */
const PURGE_EVERY_MS = 60_000;

/** RATE_LIMITED with the seconds to wait in Retry-After. */
export function rateLimited(untilMs: number, nowMs: number): AppError {
  const error = new AppError('RATE_LIMITED');
  error.headers['retry-after'] = String(Math.max(1, Math.ceil((untilMs - nowMs) / 1000)));
  return error;
}

/** Keys are stored hashed: fixed length, and no e-mail address or IP address in plain text. */
function hashed(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/**
 * Fixed-window limits for the sign-in, registration and password reset endpoints of the API and the
 * pages (one budget for both), counted in PostgreSQL so that every instance of the service sees the
 * same counts (rate-limits.repository.ts). It is operational protection, not a legal deadline, so it
 * runs on the real time (Date.now), not the sandbox clock.
 */
@Injectable()
export class RateLimiter {
  limits: RateLimits = defaultRateLimits();
  /** The real time in milliseconds; tests replace it. */
  now: () => number = () => Date.now();
  private lastPurge = 0;

  constructor(private readonly counters: RateLimitsRepository) {}

  configure(limits: Partial<RateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  /** Forgets every count, of every instance (tests). */
  async reset(): Promise<void> {
    await this.counters.clear();
  }

  /** Counts one attempt; throws RATE_LIMITED when the IP or the e-mail has used up its window. */
  async hit(action: string, ip: string | undefined, email: string | undefined): Promise<void> {
    const hits: (CounterHit & { max: number })[] = [];
    if (ip) hits.push({ bucket: `${action}:ip`, key: hashed(ip), windowMs: this.limits.windowMs, max: this.limits.perIp });
    if (email)
      hits.push({ bucket: `${action}:email`, key: hashed(emailKey(email)), windowMs: this.limits.windowMs, max: this.limits.perEmail });
    const now = this.now();
    const counts = await this.count(hits, now);
    const over = counts.filter((c) => c.count > hits.find((h) => h.bucket === c.bucket)!.max);
    if (over.length > 0) throw rateLimited(Math.max(...over.map((c) => c.expiresAt.getTime())), now);
  }

  /**
   * Signing in, on the API and the sign-in page. Per client IP every attempt counts (perIp). Failed
   * attempts count per account and client together (perEmail), so a stranger who guesses from one
   * address is stopped without locking the owner out. Failed attempts from all clients count per
   * account too: after slowAfter of them the account is slowed down, not blocked: one attempt at a
   * time, each wait twice the last (1 s, 2 s, 4 s ... up to slowMaxMs), answered 429 with Retry-After
   * in between. A client that has signed in to the account in the last 30 days is its owner's and is
   * never slowed down, so strangers on other addresses cannot keep the owner out.
   */
  async signIn<T>(ip: string, email: string, attempt: () => Promise<T>): Promise<T> {
    const now = this.now();
    const account = hashed(emailKey(email));
    const client = hashed(emailKey(email), ip);
    const { windowMs, perIp, perEmail } = this.limits;
    // the failure is counted before the attempt and taken back when it succeeds, so that parallel
    // guesses cannot pass the limit between a check and a count
    const counts = await this.count(
      [
        { bucket: 'login:ip', key: hashed(ip), windowMs },
        { bucket: 'login:client-failures', key: client, windowMs },
      ],
      now,
    );
    const over = counts.find((c) => c.count > (c.bucket === 'login:ip' ? perIp : perEmail));
    try {
      if (over) throw rateLimited(over.expiresAt.getTime(), now);
      await this.slowDown(account, client, now);
    } catch (refused) {
      await this.counters.takeBack('login:client-failures', client, new Date(now));
      throw refused;
    }
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (error instanceof AppError) await this.counters.hit([{ bucket: 'login:account-failures', key: account, windowMs }], new Date(now));
      throw error;
    }
    await this.counters.takeBack('login:client-failures', client, new Date(now));
    await this.counters.hit([{ bucket: 'login:own-client', key: client, windowMs: KNOWN_CLIENT_MS }], new Date(now));
    return result;
  }

  /** Throws RATE_LIMITED when the account is slowed down for this client and its next attempt is not due yet. */
  private async slowDown(account: string, client: string, now: number): Promise<void> {
    const found = await this.counters.read(
      [
        { bucket: 'login:account-failures', key: account },
        { bucket: 'login:own-client', key: client },
      ],
      new Date(now),
    );
    const failures = found.find((c) => c.bucket === 'login:account-failures')?.count ?? 0;
    const ownClient = found.some((c) => c.bucket === 'login:own-client' && c.count > 0);
    if (failures < this.limits.slowAfter || ownClient) return;
    const waitMs = Math.min(1000 * 2 ** Math.min(failures - this.limits.slowAfter, 30), this.limits.slowMaxMs);
    // one attempt per wait: the first to count in the turn goes ahead, the others are refused until it ends
    const [turn] = await this.counters.hit([{ bucket: 'login:account-turn', key: account, windowMs: waitMs }], new Date(now));
    if (turn.count > 1) throw rateLimited(turn.expiresAt.getTime(), now);
  }

  /** Counts the hits and, once a minute per instance, deletes the counters whose window has ended. */
  private async count(hits: CounterHit[], now: number): Promise<CounterValue[]> {
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now;
      await this.counters.purge(new Date(now));
    }
    return this.counters.hit(hits, new Date(now));
  }
}
