import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit counter: the attempts counted for a key (a hash of an IP address, an e-mail
 * address or both) in a bucket (what is counted) within the window that ends at expiresAt.
 * Shared by every instance; the table is UNLOGGED (migrations/1795500300000-RateLimitCounters.ts).
 */
@Entity('rate_limit_counters')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'rate_limit_counters_pk' })
  bucket: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'rate_limit_counters_pk' })
  key: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Index('rate_limit_counters_expires_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'integer' })
  count: number;
}
