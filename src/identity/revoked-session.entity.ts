import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A session ended by signing out before its token expired. Tokens are not stored, so a signed-out
 * session is remembered by its id (the token's `sid`) until the token would have expired anyway.
 */
@Entity('revoked_sessions')
export class RevokedSession {
  @PrimaryColumn({ name: 'session_id', type: 'uuid', primaryKeyConstraintName: 'revoked_sessions_pk' })
  sessionId: string;

  @Index('revoked_sessions_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'revoked_sessions_user_id_fk' })
  user?: User;

  /** When the token expires; the row is useless after that and is deleted. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
