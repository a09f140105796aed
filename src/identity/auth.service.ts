import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { isLocale, Locale } from '../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { Council } from '../organizations/council.entity';
import { Organization } from '../organizations/organization.entity';
import { TokenService } from './auth/token.service';
import { isUniqueViolation } from './db-errors';
import { passwordResetEmail, verificationEmail } from './identity-emails';
import { checkPassword, hashPassword, verifyPassword } from './password-policy';
import { Role, User } from './user.entity';
import { TokenPurpose, UserToken } from './user-token.entity';

export const VERIFY_EMAIL_TTL_MS = 48 * 3600 * 1000;
export const PASSWORD_RESET_TTL_MS = 3600 * 1000;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface LoginResult {
  accessToken: string;
  expiresAt: Date;
  user: { id: string; role: Role; displayName: string; emailVerified: boolean };
}

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: string;
  emailVerified: boolean;
  organization: { id: string; name: string } | null;
  council: { id: string; name: string; isChair: boolean } | null;
}

/** Registration, e-mail verification, sign-in and password reset. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(input: { email: string; password: string; displayName: string; locale: Locale }): Promise<{ id: string }> {
    checkPassword(input.password);
    const email = input.email.trim();
    const key = emailKey(email);
    const users = this.dataSource.getRepository(User);
    if (await users.exist({ where: { emailKey: key } })) throw new AppError('EMAIL_TAKEN');
    const passwordHash = await hashPassword(input.password);
    let id: string;
    try {
      id = await this.dataSource.transaction(async (em) => {
        const user = await em.getRepository(User).save({
          email,
          emailKey: key,
          passwordHash,
          displayName: input.displayName.trim(),
          locale: input.locale,
          role: 'citizen' as Role,
          organizationId: null,
          councilId: null,
          isChair: false,
          emailVerifiedAt: null,
        });
        await this.sendVerification(em, user);
        return user.id;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key_uq')) throw new AppError('EMAIL_TAKEN');
      throw error;
    }
    this.dispatcher.kick();
    return { id };
  }

  /** Sends a new verification link to a signed-in user whose address is not confirmed yet. */
  async resendVerification(userId: string): Promise<void> {
    const queued = await this.dataSource.transaction(async (em) => {
      const user = await em.getRepository(User).findOneByOrFail({ id: userId });
      if (user.emailVerifiedAt) return false;
      await this.sendVerification(em, user);
      return true;
    });
    if (queued) this.dispatcher.kick();
  }

  private async sendVerification(em: EntityManager, user: User): Promise<void> {
    const { token, row } = await this.issueToken(em, user.id, 'verify_email', VERIFY_EMAIL_TTL_MS);
    const locale = localeOf(user);
    const url = `${this.config.publicUrl}/verify-email?token=${token}`;
    await this.outbox.enqueue(em, [
      { dedupeKey: `verify_email:${row.id}`, kind: 'verify_email', recipient: user.email, locale, ...verificationEmail(locale, user.displayName, url) },
    ]);
  }

  private async issueToken(em: EntityManager, userId: string, purpose: TokenPurpose, ttlMs: number): Promise<{ token: string; row: UserToken }> {
    const token = randomBytes(32).toString('base64url');
    const row = await em.getRepository(UserToken).save({
      userId,
      purpose,
      tokenHash: sha256(token),
      expiresAt: new Date(this.clock.now().getTime() + ttlMs),
      usedAt: null,
    });
    return { token, row };
  }

  /** Finds an unused token of this purpose, locks it and marks it used; TOKEN_INVALID / TOKEN_EXPIRED. */
  private async consumeToken(em: EntityManager, token: string, purpose: TokenPurpose): Promise<UserToken> {
    const row = await em
      .getRepository(UserToken)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: sha256(token) })
      .getOne();
    if (!row || row.purpose !== purpose || row.usedAt) throw new AppError('TOKEN_INVALID');
    const now = this.clock.now();
    if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('TOKEN_EXPIRED');
    await em.getRepository(UserToken).update({ id: row.id }, { usedAt: now });
    return row;
  }

  async verifyEmail(token: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.consumeToken(em, token, 'verify_email');
      await em.getRepository(User).update({ id: row.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: this.clock.now() });
    });
  }

  async login(emailInput: string, password: string): Promise<LoginResult> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { emailKey: emailKey(emailInput) } });
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
    const { token, expiresAt } = this.tokens.sign(user.id);
    return {
      accessToken: token,
      expiresAt,
      user: { id: user.id, role: user.role, displayName: user.displayName, emailVerified: user.emailVerifiedAt !== null },
    };
  }

  /** Always succeeds quietly, so that nobody learns whether an address has an account. */
  async requestPasswordReset(emailInput: string): Promise<void> {
    const queued = await this.dataSource.transaction(async (em) => {
      const user = await em.getRepository(User).findOne({ where: { emailKey: emailKey(emailInput) } });
      if (!user) return false;
      const { token, row } = await this.issueToken(em, user.id, 'password_reset', PASSWORD_RESET_TTL_MS);
      const locale = localeOf(user);
      const url = `${this.config.publicUrl}/reset-password?token=${token}`;
      await this.outbox.enqueue(em, [
        { dedupeKey: `password_reset:${row.id}`, kind: 'password_reset', recipient: user.email, locale, ...passwordResetEmail(locale, user.displayName, url) },
      ]);
      return true;
    });
    if (queued) this.dispatcher.kick();
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (em) => {
      const row = await this.consumeToken(em, token, 'password_reset');
      const now = this.clock.now();
      // Other outstanding reset links of this user stop working too.
      await em.getRepository(UserToken).update({ userId: row.userId, purpose: 'password_reset', usedAt: IsNull() }, { usedAt: now });
      await em.getRepository(User).update({ id: row.userId }, { passwordHash });
      // The link reached the mailbox, which proves the address.
      await em.getRepository(User).update({ id: row.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: now });
    });
  }

  async me(userId: string): Promise<MeView> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    const organization = user.organizationId ? await this.dataSource.getRepository(Organization).findOneBy({ id: user.organizationId }) : null;
    const council = user.councilId ? await this.dataSource.getRepository(Council).findOneBy({ id: user.councilId }) : null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      locale: user.locale,
      emailVerified: user.emailVerifiedAt !== null,
      organization: organization ? { id: organization.id, name: organization.name } : null,
      council: council ? { id: council.id, name: council.name, isChair: user.isChair } : null,
    };
  }
}

function localeOf(user: User): Locale {
  return isLocale(user.locale) ? user.locale : 'ru';
}
