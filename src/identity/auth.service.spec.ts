import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ManualClock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import type { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import type { NewEmail, OutboxService } from '../notifications/outbox.service';
import { AuthService } from './auth.service';
import type { TokenService } from './auth/token.service';
import type { User } from './user.entity';
import type { UserToken } from './user-token.entity';
import type { UsersRepository } from './users.repository';
import type { UsersService } from './users.service';

const NOW = new Date('2027-03-01T10:00:00Z');
const em = {} as EntityManager;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

function user(fields: Partial<User> = {}): User {
  return {
    id: 'u1',
    email: 'Aigerim@Example.kz',
    displayName: 'Aigerim',
    locale: 'kk',
    role: 'citizen',
    emailVerifiedAt: null,
    ...fields,
  } as User;
}

function token(fields: Partial<UserToken> = {}): UserToken {
  return {
    id: 't1',
    userId: 'u1',
    purpose: 'password_reset',
    usedAt: null,
    expiresAt: new Date(NOW.getTime() + 60_000),
    ...fields,
  } as UserToken;
}

function setup() {
  const clock = new ManualClock(NOW);
  const users = {
    findByEmailKey: jest.fn(async (): Promise<User | null> => null),
    getById: jest.fn(async () => user()),
    markEmailVerified: jest.fn(async () => undefined),
    setPasswordHash: jest.fn(async () => undefined),
    endSessionsBefore: jest.fn(async () => undefined),
  };
  const revoked = { revoke: jest.fn(async () => undefined), forgetUser: jest.fn(async () => undefined) };
  const userTokens = {
    insert: jest.fn(async () => token({ id: 'new-token' })),
    lockByHash: jest.fn(async (): Promise<UserToken | null> => null),
    markUsed: jest.fn(async () => undefined),
    markUnusedUsed: jest.fn(async () => undefined),
  };
  const accounts = { create: jest.fn() };
  const sent: NewEmail[] = [];
  const outbox = { enqueue: jest.fn(async (_em: EntityManager, emails: NewEmail[]) => sent.push(...emails)) };
  const dispatcher = { kick: jest.fn() };
  const db = { transaction: jest.fn(async (work: (em: EntityManager) => Promise<unknown>) => work(em)) };
  const service = new AuthService(
    db as unknown as DataSource,
    clock,
    { sign: () => ({ token: 'jwt', expiresAt: NOW }) } as unknown as TokenService,
    accounts as unknown as UsersService,
    users as unknown as UsersRepository,
    userTokens,
    outbox as unknown as OutboxService,
    dispatcher as unknown as OutboxDispatcher,
    { publicUrl: 'http://talqylau.test' } as AppConfig,
    revoked,
  );
  return { service, clock, users, userTokens, accounts, sent, dispatcher, revoked };
}

describe('AuthService', () => {
  describe('single-use links', () => {
    it('refuses an unknown token, one of another purpose and one already used as TOKEN_INVALID, changing nothing', async () => {
      const t = setup();
      await expect(t.service.confirmPasswordReset('nope', 'Tulip-garden-2027')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      expect(t.userTokens.lockByHash).toHaveBeenCalledWith(em, hash('nope'));
      t.userTokens.lockByHash.mockResolvedValue(token({ purpose: 'verify_email' }));
      await expect(t.service.confirmPasswordReset('x', 'Tulip-garden-2027')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      t.userTokens.lockByHash.mockResolvedValue(token({ usedAt: NOW }));
      await expect(t.service.confirmPasswordReset('x', 'Tulip-garden-2027')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      expect(t.userTokens.markUsed).not.toHaveBeenCalled();
      expect(t.users.setPasswordHash).not.toHaveBeenCalled();
    });

    it('is expired from the instant of its expiry on', async () => {
      const t = setup();
      t.userTokens.lockByHash.mockResolvedValue(token({ purpose: 'verify_email', expiresAt: NOW }));
      await expect(t.service.verifyEmail('x')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
      t.clock.set(new Date(NOW.getTime() - 1));
      await t.service.verifyEmail('x');
      expect(t.userTokens.markUsed).toHaveBeenCalledWith(em, 't1', t.clock.now());
      expect(t.users.markEmailVerified).toHaveBeenCalledWith(em, 'u1', t.clock.now());
    });

    it('a password reset ends every other reset link and every session of the user, sets the new hash and proves the address', async () => {
      const t = setup();
      t.userTokens.lockByHash.mockResolvedValue(token());
      await t.service.confirmPasswordReset('x', 'Tulip-garden-2027');
      expect(t.userTokens.markUsed).toHaveBeenCalledWith(em, 't1', NOW);
      expect(t.userTokens.markUnusedUsed).toHaveBeenCalledWith(em, 'u1', 'password_reset', NOW);
      expect(t.users.setPasswordHash).toHaveBeenCalledWith(em, 'u1', expect.stringMatching(/^\$argon2id\$/));
      expect(t.users.endSessionsBefore).toHaveBeenCalledWith(em, 'u1', NOW);
      expect(t.revoked.forgetUser).toHaveBeenCalledWith(em, 'u1');
      expect(t.users.markEmailVerified).toHaveBeenCalledWith(em, 'u1', NOW);
    });

    it('judges the new password before looking at the token', async () => {
      const t = setup();
      await expect(t.service.confirmPasswordReset('x', 'short')).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
      expect(t.userTokens.lockByHash).not.toHaveBeenCalled();
    });
  });

  describe('requestPasswordReset', () => {
    it('says nothing and sends nothing for an address without an account', async () => {
      const t = setup();
      await expect(t.service.requestPasswordReset(' Nobody@Example.kz ')).resolves.toBeUndefined();
      expect(t.users.findByEmailKey).toHaveBeenCalledWith(em, 'nobody@example.kz');
      expect(t.sent).toEqual([]);
      expect(t.dispatcher.kick).not.toHaveBeenCalled();
    });

    it('e-mails a one-hour link in the account language, keyed by the token row', async () => {
      const t = setup();
      t.users.findByEmailKey.mockResolvedValue(user());
      await t.service.requestPasswordReset('aigerim@example.kz');
      const [, issued] = t.userTokens.insert.mock.calls[0] as unknown as [
        EntityManager,
        { userId: string; purpose: string; tokenHash: string; expiresAt: Date },
      ];
      expect(issued).toMatchObject({ userId: 'u1', purpose: 'password_reset', expiresAt: new Date(NOW.getTime() + 3600_000) });
      expect(t.sent).toEqual([
        expect.objectContaining({
          dedupeKey: 'password_reset:new-token',
          kind: 'password_reset',
          recipient: 'Aigerim@Example.kz',
          locale: 'kk',
        }),
      ]);
      const link = /http:\/\/talqylau\.test\/reset-password\?token=([\w-]+)/.exec(t.sent[0].text)!;
      expect(hash(link[1])).toBe(issued.tokenHash);
      expect(t.dispatcher.kick).toHaveBeenCalledTimes(1);
    });
  });

  describe('verification links', () => {
    it('registration creates a citizen with an unconfirmed address and sends a 48-hour link', async () => {
      const t = setup();
      t.accounts.create.mockImplementation(async (_account, steps) => {
        await steps.after(em, user({ id: 'u2', locale: 'en' }));
        return user({ id: 'u2' });
      });
      await expect(
        t.service.register({ email: 'a@example.kz', password: 'Tulip-garden-2027', displayName: 'A', locale: 'en' }),
      ).resolves.toEqual({ id: 'u2' });
      expect(t.accounts.create.mock.calls[0][0]).toMatchObject({
        role: 'citizen',
        organizationId: null,
        councilId: null,
        isChair: false,
        emailVerifiedAt: null,
      });
      expect((t.userTokens.insert.mock.calls[0] as unknown[])[1]).toMatchObject({
        userId: 'u2',
        purpose: 'verify_email',
        expiresAt: new Date(NOW.getTime() + 48 * 3600_000),
      });
      expect(t.sent).toEqual([expect.objectContaining({ kind: 'verify_email', locale: 'en', subject: 'Confirm your e-mail address' })]);
    });

    it('registration of a taken address answers as for a new one, creates nothing and e-mails the owner once an hour', async () => {
      const t = setup();
      t.accounts.create.mockRejectedValue(new AppError('EMAIL_TAKEN'));
      t.users.findByEmailKey.mockResolvedValue(user({ id: 'owner', email: 'Olga@example.kz', displayName: 'Olga', locale: 'ru' }));
      const input = { email: 'OLGA@example.kz\u200b', password: 'Tulip-garden-2027', displayName: 'Someone', locale: 'en' as const };
      const answer = await t.service.register(input);
      expect(answer).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(answer.id).not.toBe('owner');
      expect(t.users.findByEmailKey).toHaveBeenCalledWith(em, 'olga@example.kz');
      expect(t.userTokens.insert).not.toHaveBeenCalled();
      expect(t.sent).toEqual([
        expect.objectContaining({
          kind: 'account_exists',
          recipient: 'Olga@example.kz',
          locale: 'ru',
          subject: 'Ваша учётная запись talqylau',
        }),
      ]);
      expect(t.sent[0].text).toContain('http://talqylau.test/forgot-password');
      expect(t.sent[0].text).not.toContain('token=');
      expect(t.dispatcher.kick).toHaveBeenCalledTimes(1);
      // a second attempt within the hour: the same dedupe key, so the outbox keeps one e-mail
      await t.service.register(input);
      expect(t.sent[1].dedupeKey).toBe(t.sent[0].dedupeKey);
      // other refusals pass through
      t.accounts.create.mockRejectedValue(new AppError('VALIDATION_FAILED'));
      await expect(t.service.register(input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('registration refuses a weak password before anything else', async () => {
      const t = setup();
      await expect(
        t.service.register({ email: 'a@example.kz', password: '1234567890', displayName: 'A', locale: 'en' }),
      ).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
      expect(t.accounts.create).not.toHaveBeenCalled();
    });

    it('a confirmed address gets no new link', async () => {
      const t = setup();
      t.users.getById.mockResolvedValue(user({ emailVerifiedAt: NOW }));
      await t.service.resendVerification('u1');
      expect(t.sent).toEqual([]);
      expect(t.dispatcher.kick).not.toHaveBeenCalled();
    });
  });

  it('login gives the same INVALID_CREDENTIALS for an unknown address and a wrong password', async () => {
    const t = setup();
    await expect(t.service.login('nobody@example.kz', 'whatever-password')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    t.users.findByEmailKey.mockResolvedValue(
      user({ passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG' }),
    );
    await expect(t.service.login('aigerim@example.kz', 'whatever-password')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });
});
