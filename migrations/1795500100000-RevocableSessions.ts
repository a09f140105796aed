import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that end before their token expires. users.sessions_valid_after ends every session of a
 * user issued before it ("sign out everywhere", a password reset); revoked_sessions holds the ids of
 * single sessions that signed out, until their tokens would have expired anyway. The guard reads both
 * with the user, in its one statement (USER_SQL).
 */
export class RevocableSessions1795500100000 implements MigrationInterface {
  name = 'RevocableSessions1795500100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "sessions_valid_after" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE TABLE "revoked_sessions" ("session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "revoked_sessions_pk" PRIMARY KEY ("session_id"))`,
    );
    await q.query(`CREATE INDEX "revoked_sessions_user_idx" ON "revoked_sessions" ("user_id") `);
    await q.query(
      `ALTER TABLE "revoked_sessions" ADD CONSTRAINT "revoked_sessions_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "revoked_sessions" DROP CONSTRAINT "revoked_sessions_user_id_fk"`);
    await q.query(`DROP INDEX "public"."revoked_sessions_user_idx"`);
    await q.query(`DROP TABLE "revoked_sessions"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "sessions_valid_after"`);
  }
}
