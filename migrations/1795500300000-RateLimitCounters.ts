import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rate limiter's counters (src/identity/rate-limiter.ts), shared by every instance of the
 * service: one row per (bucket, key) with its window, counted up atomically by an upsert. Before,
 * each process counted for itself, so N instances allowed N times the limit. UNLOGGED: a counter
 * is worth no WAL, and losing the counts after a crash of PostgreSQL only restarts the windows.
 */
export class RateLimitCounters1795500300000 implements MigrationInterface {
  name = 'RateLimitCounters1795500300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit_counters" ("bucket" character varying(40) NOT NULL, "key" character varying(64) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "rate_limit_counters_pk" PRIMARY KEY ("bucket", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "rate_limit_counters_expires_idx" ON "rate_limit_counters" ("expires_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."rate_limit_counters_expires_idx"`);
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
