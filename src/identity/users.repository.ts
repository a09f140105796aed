import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { namedStatement } from '../database/statements';
import { Role, User } from './user.entity';

/**
 * The signed-in user's row as the guard needs it: one indexed lookup, no entity mapping (also the
 * benchmark's bare handler's). No row when the session ($3, issued at $2) is over: signed out (a
 * revoked_sessions row, by its primary key), or issued before "sign out everywhere" or a password
 * reset. Read on every request, so an ended session is refused on the next request, on every instance.
 * Named (parsed and planned once per connection): its generic plan is the custom one, primary-key lookups
 * only (EXPLAIN of both in issue 18).
 */
export const USER_SQL = namedStatement(
  'user_session',
  `SELECT id, email, display_name, role, locale, organization_id, council_id, is_chair, email_verified_at IS NOT NULL AS email_verified
  FROM users
  WHERE id = $1
    AND (sessions_valid_after IS NULL OR sessions_valid_after <= $2)
    AND NOT EXISTS (SELECT 1 FROM revoked_sessions WHERE session_id = $3)`,
);

export interface AuthUserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  locale: string;
  organization_id: string | null;
  council_id: string | null;
  is_chair: boolean;
  email_verified: boolean;
}

export type NewUser = Omit<User, 'id' | 'organization' | 'council' | 'createdAt' | 'sessionsValidAfter' | 'consentAt'> & {
  consentAt?: Date | null;
};

type Db = DataSource | EntityManager;

/** Every statement on the users table. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The user of a session that is still open; undefined otherwise. Raw SQL: TypeORM's findOne built
   * and mapped the query at several times the cost of the lookup, and the guard reads the user on
   * every request.
   */
  async authRow(session: { userId: string; sessionId: string; issuedAt: Date }): Promise<AuthUserRow | undefined> {
    const [row] = await queryRows<AuthUserRow>(this.db, USER_SQL, [session.userId, session.issuedAt, session.sessionId]);
    return row;
  }

  emailKeyTaken(emailKey: string): Promise<boolean> {
    return this.db.getRepository(User).exist({ where: { emailKey } });
  }

  findByEmailKey(db: Db, emailKey: string): Promise<User | null> {
    return db.getRepository(User).findOne({ where: { emailKey } });
  }

  /** The user, or TypeORM's EntityNotFoundError. */
  getById(db: Db, id: string): Promise<User> {
    return db.getRepository(User).findOneByOrFail({ id });
  }

  insert(db: Db, user: NewUser): Promise<User> {
    return db.getRepository(User).save(user);
  }

  /** Marks the address confirmed unless it already was. */
  async markEmailVerified(db: Db, id: string, at: Date): Promise<void> {
    await db.getRepository(User).update({ id, emailVerifiedAt: IsNull() }, { emailVerifiedAt: at });
  }

  async setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
    await db.getRepository(User).update({ id }, { passwordHash });
  }

  /** Ends every session of the user issued before `at` (real time). */
  async endSessionsBefore(db: Db, id: string, at: Date): Promise<void> {
    await db.getRepository(User).update({ id }, { sessionsValidAfter: at });
  }

  chairExists(db: Db, councilId: string): Promise<boolean> {
    return db.getRepository(User).exist({ where: { councilId, isChair: true } });
  }
}
