import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { TokenPurpose, UserToken } from './user-token.entity';

/** Every statement on the user_tokens table; all of them run in the caller's transaction. */
@Injectable()
export class UserTokensRepository {
  insert(em: EntityManager, token: { userId: string; purpose: TokenPurpose; tokenHash: string; expiresAt: Date }): Promise<UserToken> {
    return em.getRepository(UserToken).save({ ...token, usedAt: null });
  }

  /** The token with this hash, locked until the transaction ends; null when there is none. */
  lockByHash(em: EntityManager, tokenHash: string): Promise<UserToken | null> {
    return em
      .getRepository(UserToken)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  async markUsed(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.getRepository(UserToken).update({ id }, { usedAt: at });
  }

  /** Marks every unused token of this user and purpose used. */
  async markUnusedUsed(em: EntityManager, userId: string, purpose: TokenPurpose, at: Date): Promise<void> {
    await em.getRepository(UserToken).update({ userId, purpose, usedAt: IsNull() }, { usedAt: at });
  }
}
