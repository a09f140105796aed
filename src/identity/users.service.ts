import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { hashPassword } from './password-policy';
import { User } from './user.entity';
import { NewUser, UsersRepository } from './users.repository';

/** Addresses compare case-insensitively: the lower-cased address is the account's key. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export type NewAccount = Omit<NewUser, 'emailKey' | 'passwordHash'> & { password: string };

/** Work done in the transaction that creates an account: checks before the insert, and what follows it (an e-mail). */
export interface AccountSteps {
  before?: (em: EntityManager) => Promise<void>;
  after?: (em: EntityManager, user: User) => Promise<void>;
}

/** Creating accounts: the rules every way in (registration, the administrator, start-up) shares. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
  ) {}

  /**
   * A new account, EMAIL_TAKEN when the address has one already. The password is hashed here; it
   * must have been checked against the password policy by the caller where the policy applies.
   */
  async create(account: NewAccount, steps: AccountSteps = {}): Promise<User> {
    const key = emailKey(account.email);
    if (await this.users.emailKeyTaken(key)) throw new AppError('EMAIL_TAKEN');
    const { password, ...fields } = account;
    const passwordHash = await hashPassword(password);
    try {
      return await this.db.transaction(async (em) => {
        await steps.before?.(em);
        const user = await this.users.insert(em, {
          ...fields,
          email: account.email.trim(),
          emailKey: key,
          passwordHash,
          displayName: account.displayName.trim(),
        });
        await steps.after?.(em, user);
        return user;
      });
    } catch (error) {
      // the same address registered at the same moment
      if (isUniqueViolation(error, 'users_email_key_uq')) throw new AppError('EMAIL_TAKEN');
      throw error;
    }
  }
}
