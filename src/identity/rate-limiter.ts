import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';

export interface RateLimits {
  /** Length of the window in milliseconds. */
  windowMs: number;
  /** Attempts per e-mail address within the window (login, register, password reset). */
  perEmail: number;
  /** Attempts per client IP within the window. */
  perIp: number;
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : fallback;
}

/**
 * Defaults: 10 attempts per e-mail and 200 per IP address in 15 minutes; change them with
 * RATE_LIMIT_WINDOW_SECONDS, RATE_LIMIT_PER_EMAIL and RATE_LIMIT_PER_IP.
 */
export function defaultRateLimits(): RateLimits {
  return {
    windowMs: envInt('RATE_LIMIT_WINDOW_SECONDS', 15 * 60) * 1000,
    perEmail: envInt('RATE_LIMIT_PER_EMAIL', 10),
    perIp: envInt('RATE_LIMIT_PER_IP', 200),
  };
}

/**
 * A small in-memory fixed-window limiter for the sign-in endpoints, keyed by action + IP and action +
 * e-mail. It is operational protection, not a legal deadline, so it uses the real time (Date.now),
 * not the sandbox clock. Per process: several instances each allow the limit.
 */
@Injectable()
export class RateLimiter {
  limits: RateLimits = defaultRateLimits();
  private readonly windows = new Map<string, { start: number; count: number }>();

  configure(limits: Partial<RateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  reset(): void {
    this.windows.clear();
  }

  /** Counts one attempt; throws RATE_LIMITED when the IP or the e-mail has used up its window. */
  hit(action: string, ip: string | undefined, email: string | undefined): void {
    this.check(action, ip, email);
    this.record(action, ip, email);
  }

  /** Throws RATE_LIMITED when the IP or the e-mail has already used up its window (counts nothing). */
  check(action: string, ip: string | undefined, email: string | undefined): void {
    const now = Date.now();
    for (const [key, max] of this.keys(action, ip, email)) {
      const window = this.windows.get(key);
      if (window && now - window.start < this.limits.windowMs && window.count >= max) throw new AppError('RATE_LIMITED');
    }
  }

  /** Counts one attempt for the IP and/or the e-mail. */
  record(action: string, ip: string | undefined, email: string | undefined): void {
    const now = Date.now();
    if (this.windows.size > 50_000) this.sweep(now);
    for (const [key] of this.keys(action, ip, email)) {
      let window = this.windows.get(key);
      if (!window || now - window.start >= this.limits.windowMs) {
        window = { start: now, count: 0 };
        this.windows.set(key, window);
      }
      window.count += 1;
    }
  }

  private keys(action: string, ip: string | undefined, email: string | undefined): [string, number][] {
    const keys: [string, number][] = [];
    if (ip) keys.push([`${action}|ip|${ip}`, this.limits.perIp]);
    if (email) keys.push([`${action}|email|${email.trim().toLowerCase()}`, this.limits.perEmail]);
    return keys;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.limits.windowMs) this.windows.delete(key);
  }
}
