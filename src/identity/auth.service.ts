import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { RealClock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { isUuid } from '../common/ids';
import { Locale } from '../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { accountExistsEmail } from '../notifications/emails/account-exists.email';
import { passwordResetEmail } from '../notifications/emails/password-reset.email';
import { EmailTemplate, renderTemplate } from '../notifications/emails/render';
import { verifyEmailEmail } from '../notifications/emails/verify-email.email';
import type { AccountLinkParams } from '../notifications/emails/account-link';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { SessionClaims, TokenService } from './auth/token.service';
import { checkPassword, hashPassword, verifyPassword } from './password-policy';
import { RevokedSessionsRepository } from './revoked-sessions.repository';
import { Role, User } from './user.entity';
import { TokenPurpose, UserToken } from './user-token.entity';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersRepository } from './users.repository';
import { emailKey, UsersService } from './users.service';

const VERIFY_EMAIL_TTL_MS = 48 * 3600 * 1000;
const PASSWORD_RESET_TTL_MS = 3600 * 1000;
/** At most one "someone tried to register your address" e-mail per account in this time. */
const ACCOUNT_EXISTS_EVERY_MS = 3600 * 1000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface LoginResult {
  accessToken: string;
  expiresAt: Date;
  user: { id: string; role: Role; displayName: string; emailVerified: boolean };
}

/** What an e-mailed single-use link does, how long it works, where it leads and which e-mail carries it. */
interface LinkKind {
  purpose: TokenPurpose;
  ttlMs: number;
  path: string;
  template: EmailTemplate<AccountLinkParams>;
}

const VERIFY_LINK: LinkKind = { purpose: 'verify_email', ttlMs: VERIFY_EMAIL_TTL_MS, path: '/verify-email', template: verifyEmailEmail };
const RESET_LINK: LinkKind = {
  purpose: 'password_reset',
  ttlMs: PASSWORD_RESET_TTL_MS,
  path: '/reset-password',
  template: passwordResetEmail,
};

/**
 * Registration, e-mail verification, sign-in and out, and password reset. Accounts are not the
 * procedure: link lifetimes and sessions run on real time (RealClock), not the sandbox clock.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: RealClock,
    private readonly tokens: TokenService,
    private readonly accounts: UsersService,
    private readonly users: UsersRepository,
    private readonly userTokens: UserTokensRepository,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revoked: RevokedSessionsRepository,
  ) {}

  /**
   * A citizen account and its verification e-mail. An address that has an account gets no second
   * one: its owner is e-mailed instead, and the caller gets the same answer, with an id that names no
   * account, so that registration does not tell who has an account. The password is hashed in both
   * cases (UsersService.create), so that both take about as long.
   */
  async register(input: {
    email: string;
    password: string;
    displayName: string;
    locale: Locale;
    consent?: boolean;
  }): Promise<{ id: string }> {
    checkPassword(input.password);
    const { consent, ...fields } = input;
    let id: string;
    try {
      const user = await this.accounts.create(
        {
          ...fields,
          role: 'citizen',
          organizationId: null,
          councilId: null,
          isChair: false,
          emailVerifiedAt: null,
          // consent to the publication of the display name and remarks (Law on Personal Data)
          consentAt: consent === true ? this.clock.now() : null,
        },
        { after: (em, created) => this.sendLink(em, created, VERIFY_LINK) },
      );
      id = user.id;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'EMAIL_TAKEN')) throw error;
      await this.tellOwner(input.email);
      id = randomUUID();
    }
    this.dispatcher.kick();
    return { id };
  }

  /**
   * Tells the owner of a taken address that someone tried to register it, in the owner's language; at
   * most one such e-mail an hour (real time), so that repeated attempts cannot flood the mailbox.
   */
  private async tellOwner(emailInput: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const owner = await this.users.findByEmailKey(em, emailKey(emailInput));
      if (!owner) return;
      const email = renderTemplate(accountExistsEmail, owner.locale, {
        displayName: owner.displayName,
        signInUrl: `${this.config.publicUrl}/login`,
        resetUrl: `${this.config.publicUrl}/forgot-password`,
      });
      const hour = Math.floor(Date.now() / ACCOUNT_EXISTS_EVERY_MS);
      const dedupeKey = `account_exists:${owner.id}:${hour}`;
      await this.outbox.enqueue(em, [{ dedupeKey, kind: 'account_exists', recipient: owner.email, ...email }]);
    });
  }

  /** Sends a new verification link to a signed-in user whose address is not confirmed yet. */
  async resendVerification(userId: string): Promise<void> {
    const queued = await this.db.transaction(async (em) => {
      const user = await this.users.getById(em, userId);
      if (user.emailVerifiedAt) return false;
      await this.sendLink(em, user, VERIFY_LINK);
      return true;
    });
    if (queued) this.dispatcher.kick();
  }

  /** Issues a single-use token and queues the e-mail with its link, in the caller's transaction. */
  private async sendLink(em: EntityManager, user: User, kind: LinkKind): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const row = await this.userTokens.insert(em, {
      userId: user.id,
      purpose: kind.purpose,
      tokenHash: sha256(token),
      expiresAt: new Date(this.clock.now().getTime() + kind.ttlMs),
    });
    const url = `${this.config.publicUrl}${kind.path}?token=${token}`;
    const email = renderTemplate(kind.template, user.locale, { displayName: user.displayName, url });
    await this.outbox.enqueue(em, [{ dedupeKey: `${kind.purpose}:${row.id}`, kind: kind.purpose, recipient: user.email, ...email }]);
  }

  /** Finds an unused token of this purpose, locks it and marks it used; TOKEN_INVALID / TOKEN_EXPIRED. */
  private async consumeToken(em: EntityManager, token: string, purpose: TokenPurpose): Promise<UserToken> {
    const row = await this.userTokens.lockByHash(em, sha256(token));
    if (!row || row.purpose !== purpose || row.usedAt) throw new AppError('TOKEN_INVALID');
    const now = this.clock.now();
    if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('TOKEN_EXPIRED');
    await this.userTokens.markUsed(em, row.id, now);
    return row;
  }

  async verifyEmail(token: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const row = await this.consumeToken(em, token, 'verify_email');
      await this.users.markEmailVerified(em, row.userId, this.clock.now());
    });
  }

  async login(emailInput: string, password: string): Promise<LoginResult> {
    const user = await this.users.findByEmailKey(this.db, emailKey(emailInput));
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
    const { token, expiresAt } = this.tokens.sign(user.id);
    return {
      accessToken: token,
      expiresAt,
      user: { id: user.id, role: user.role, displayName: user.displayName, emailVerified: user.emailVerifiedAt !== null },
    };
  }

  /** Ends the sessions of these tokens (those that are genuine and unexpired; the rest end by themselves). */
  async signOut(tokens: (string | undefined)[]): Promise<void> {
    const sessions = tokens
      .map((token) => (token ? this.tokens.verify(token) : null))
      .filter((s): s is SessionClaims => s !== null && isUuid(s.userId) && isUuid(s.sessionId));
    for (const session of sessions) await this.revoked.revoke(this.db, session, this.clock.now());
  }

  /** Ends every session of the user, on every instance from its next request. */
  async signOutEverywhere(userId: string): Promise<void> {
    await this.db.transaction((em) => this.endAllSessions(em, userId, this.clock.now()));
  }

  private async endAllSessions(em: EntityManager, userId: string, now: Date): Promise<void> {
    await this.users.endSessionsBefore(em, userId, now);
    await this.revoked.forgetUser(em, userId);
  }

  /** Always succeeds quietly, so that nobody learns whether an address has an account. */
  async requestPasswordReset(emailInput: string): Promise<void> {
    const queued = await this.db.transaction(async (em) => {
      const user = await this.users.findByEmailKey(em, emailKey(emailInput));
      if (!user) return false;
      await this.sendLink(em, user, RESET_LINK);
      return true;
    });
    if (queued) this.dispatcher.kick();
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (em) => {
      const row = await this.consumeToken(em, token, 'password_reset');
      const now = this.clock.now();
      // Other outstanding reset links of this user stop working too.
      await this.userTokens.markUnusedUsed(em, row.userId, 'password_reset', now);
      await this.users.setPasswordHash(em, row.userId, passwordHash);
      // Whoever was signed in with the old password is signed out, everywhere.
      await this.endAllSessions(em, row.userId, now);
      // The link reached the mailbox, which proves the address.
      await this.users.markEmailVerified(em, row.userId, now);
    });
  }
}
