import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';

/** A counter to count one more attempt in: a new window of windowMs starts when the last one ended. */
export interface CounterHit {
  bucket: string;
  key: string;
  windowMs: number;
}

export interface CounterValue {
  bucket: string;
  key: string;
  count: number;
  expiresAt: Date;
}

interface CounterRow {
  bucket: string;
  key: string;
  count: number;
  expires_at: Date;
}

const value = (row: CounterRow): CounterValue => ({ bucket: row.bucket, key: row.key, count: row.count, expiresAt: row.expires_at });

/**
 * Every statement on rate_limit_counters. The times are the caller's (the real time, not the
 * sandbox clock), so that every statement of one attempt judges the windows at the same instant.
 */
@Injectable()
export class RateLimitsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Counts one attempt in each counter, atomically (the row is locked by the upsert, so concurrent
   * attempts on any instance each get their own count), and returns the counts. A counter whose
   * window has ended starts again at 1. Rows are locked in (bucket, key) order, so that two
   * statements never wait for each other.
   */
  async hit(hits: CounterHit[], now: Date): Promise<CounterValue[]> {
    if (hits.length === 0) return [];
    const sorted = [...hits].sort((a, b) => (a.bucket + '\n' + a.key < b.bucket + '\n' + b.key ? -1 : 1));
    const rows = await queryRows<CounterRow>(
      this.db,
      `INSERT INTO rate_limit_counters AS c (bucket, key, window_start, expires_at, count)
       SELECT h.bucket, h.key, $3::timestamptz, $3::timestamptz + h.window_ms::float8 * interval '1 millisecond', 1
       FROM unnest($1::text[], $2::text[], $4::bigint[]) WITH ORDINALITY AS h(bucket, key, window_ms, n)
       ORDER BY h.n
       ON CONFLICT (bucket, key) DO UPDATE SET
         count = CASE WHEN c.expires_at <= EXCLUDED.window_start THEN 1 ELSE c.count + 1 END,
         window_start = CASE WHEN c.expires_at <= EXCLUDED.window_start THEN EXCLUDED.window_start ELSE c.window_start END,
         expires_at = CASE WHEN c.expires_at <= EXCLUDED.window_start THEN EXCLUDED.expires_at ELSE c.expires_at END
       RETURNING bucket, key, count, expires_at`,
      [sorted.map((h) => h.bucket), sorted.map((h) => h.key), now, sorted.map((h) => Math.max(1, Math.round(h.windowMs)))],
    );
    return rows.map(value);
  }

  /** The counters whose window is still open at `now`; a counter without a row, or whose window ended, is absent. */
  async read(counters: { bucket: string; key: string }[], now: Date): Promise<CounterValue[]> {
    if (counters.length === 0) return [];
    const rows = await queryRows<CounterRow>(
      this.db,
      `SELECT c.bucket, c.key, c.count, c.expires_at
       FROM rate_limit_counters c JOIN unnest($1::text[], $2::text[]) AS k(bucket, key) ON c.bucket = k.bucket AND c.key = k.key
       WHERE c.expires_at > $3`,
      [counters.map((c) => c.bucket), counters.map((c) => c.key), now],
    );
    return rows.map(value);
  }

  /** Takes back one attempt counted in a window that is still open (a sign-in that succeeded is no failure). */
  async takeBack(bucket: string, key: string, now: Date): Promise<void> {
    await queryRows(
      this.db,
      `UPDATE rate_limit_counters SET count = count - 1 WHERE bucket = $1 AND key = $2 AND expires_at > $3 AND count > 0`,
      [bucket, key, now],
    );
  }

  /** Deletes the counters whose window ended before `now`. */
  async purge(now: Date): Promise<void> {
    await queryRows(this.db, `DELETE FROM rate_limit_counters WHERE expires_at <= $1`, [now]);
  }

  /** Deletes every counter (tests). */
  async clear(): Promise<void> {
    await queryRows(this.db, `DELETE FROM rate_limit_counters`);
  }
}
