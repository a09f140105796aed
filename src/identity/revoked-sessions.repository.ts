import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { RevokedSession } from './revoked-session.entity';

type Db = DataSource | EntityManager;

/** Every statement on the revoked_sessions table (the guard reads it within USER_SQL). */
@Injectable()
export class RevokedSessionsRepository {
  /** Remembers a signed-out session until its token expires; forgets the user's rows past that. */
  async revoke(db: Db, session: { userId: string; sessionId: string; expiresAt: Date }, now: Date): Promise<void> {
    const repository = db.getRepository(RevokedSession);
    await repository
      .createQueryBuilder()
      .insert()
      .values({ sessionId: session.sessionId, userId: session.userId, expiresAt: session.expiresAt })
      .orIgnore()
      .execute();
    await repository.delete({ userId: session.userId, expiresAt: LessThan(now) });
  }

  /** Forgets the user's rows: "sign out everywhere" has ended those sessions anyway. */
  async forgetUser(db: Db, userId: string): Promise<void> {
    await db.getRepository(RevokedSession).delete({ userId });
  }
}
