import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { RevokedSession } from './revoked-session.entity';

const REVOKE_SQL = `INSERT INTO revoked_sessions (session_id, user_id, expires_at)
  SELECT $1, id, $3 FROM users WHERE id = $2
  ON CONFLICT (session_id) DO NOTHING`;

type Db = DataSource | EntityManager;

/** Every statement on the revoked_sessions table (the guard reads it within USER_SQL). */
@Injectable()
export class RevokedSessionsRepository {
  /**
   * Remembers a signed-out session until its token expires (nothing for a user who does not exist);
   * forgets the user's rows past that.
   */
  async revoke(db: Db, session: { userId: string; sessionId: string; expiresAt: Date }, now: Date): Promise<void> {
    await queryRows(db, REVOKE_SQL, [session.sessionId, session.userId, session.expiresAt]);
    await db.getRepository(RevokedSession).delete({ userId: session.userId, expiresAt: LessThan(now) });
  }

  /** Forgets the user's rows: "sign out everywhere" has ended those sessions anyway. */
  async forgetUser(db: Db, userId: string): Promise<void> {
    await db.getRepository(RevokedSession).delete({ userId });
  }
}
