import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { accountEmail } from './email-identity';
import { hashPassword } from './password-policy';
import { User } from './user.entity';
import { NewUser, UsersRepository } from './users.repository';

export { emailKey } from './email-identity';

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
   * A new account, EMAIL_TAKEN when the address has one already (compared by its normalized key,
   * email-identity.ts; VALIDATION_FAILED on `email` for an address that cannot name an account). The
   * password is hashed here, also for a taken address, so that registration takes as long either way;
   * it must have been checked against the password policy by the caller where the policy applies.
   */
  async create(account: NewAccount, steps: AccountSteps = {}): Promise<User> {
    const { address, key } = accountEmail(account.email);
    const { password, ...fields } = account;
    const passwordHash = await hashPassword(password);
    if (await this.users.emailKeyTaken(key)) throw new AppError('EMAIL_TAKEN');
    try {
      return await this.db.transaction(async (em) => {
        await steps.before?.(em);
        const user = await this.users.insert(em, {
          ...fields,
          email: address,
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
