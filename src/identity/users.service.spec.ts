import type { DataSource, EntityManager } from 'typeorm';
import type * as passwordPolicy from './password-policy';
import { hashPassword } from './password-policy';
import type { User } from './user.entity';
import type { NewUser, UsersRepository } from './users.repository';
import type { NewAccount } from './users.service';
import { UsersService } from './users.service';

jest.mock('./password-policy', () => {
  const actual = jest.requireActual<typeof passwordPolicy>('./password-policy');
  return { ...actual, hashPassword: jest.fn(actual.hashPassword) };
});

const em = {} as EntityManager;
const ACCOUNT: NewAccount = {
  email: ' Aigerim@Example.kz ',
  password: 'Tulip-garden-2027',
  displayName: ' Aigerim S. ',
  locale: 'kk',
  role: 'citizen',
  organizationId: null,
  councilId: null,
  isChair: false,
  emailVerifiedAt: null,
};

function setup() {
  const steps: string[] = [];
  const users = {
    emailKeyTaken: jest.fn(async () => false),
    insert: jest.fn(async (_em: EntityManager, fields: NewUser) => {
      steps.push('insert');
      return { id: 'u1', ...fields } as User;
    }),
  };
  const db = { transaction: jest.fn(async (work: (em: EntityManager) => Promise<unknown>) => work(em)) };
  return { service: new UsersService(db as unknown as DataSource, users as unknown as UsersRepository), users, db, steps };
}

describe('UsersService.create', () => {
  it('keys the account by the trimmed, lower-cased address and stores trimmed texts and a hash, never the password', async () => {
    const t = setup();
    const user = await t.service.create(ACCOUNT);
    expect(t.users.emailKeyTaken).toHaveBeenCalledWith('aigerim@example.kz');
    const stored = t.users.insert.mock.calls[0][1];
    expect(stored).toMatchObject({
      email: 'Aigerim@Example.kz',
      emailKey: 'aigerim@example.kz',
      displayName: 'Aigerim S.',
      locale: 'kk',
      role: 'citizen',
    });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored).not.toHaveProperty('password');
    expect(user.id).toBe('u1');
  });

  it('hashes the password also for a taken address (so both take as long), then refuses it before a transaction', async () => {
    const t = setup();
    jest.mocked(hashPassword).mockClear();
    t.users.emailKeyTaken.mockResolvedValue(true);
    await expect(t.service.create(ACCOUNT)).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    expect(hashPassword).toHaveBeenCalledWith(ACCOUNT.password);
    expect(t.db.transaction).not.toHaveBeenCalled();
  });

  it('keys the account by the normalized address: invisible characters, compatibility forms and case do not make a new key', async () => {
    const t = setup();
    await t.service.create({ ...ACCOUNT, email: 'Ｏlga@exam\u00adple.kz\u200b' });
    expect(t.users.emailKeyTaken).toHaveBeenCalledWith('olga@example.kz');
    expect(t.users.insert.mock.calls[0][1]).toMatchObject({ email: 'Olga@example.kz', emailKey: 'olga@example.kz' });
  });

  it('refuses an address with a control character left, as VALIDATION_FAILED on the e-mail field', async () => {
    const t = setup();
    await expect(t.service.create({ ...ACCOUNT, email: 'ol\u0007ga@example.kz' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'email', constraint: 'visibleEmail' }],
    });
    expect(t.users.insert).not.toHaveBeenCalled();
  });

  it('runs the caller’s checks before the insert and its follow-up after it, in one transaction', async () => {
    const t = setup();
    await t.service.create(ACCOUNT, {
      before: async (tx) => void t.steps.push(tx === em ? 'before' : 'before outside'),
      after: async (tx, user) => void t.steps.push(tx === em ? `after ${user.id}` : 'after outside'),
    });
    expect(t.steps).toEqual(['before', 'insert', 'after u1']);
    expect(t.db.transaction).toHaveBeenCalledTimes(1);
  });

  it('turns the unique index violation of a simultaneous registration into EMAIL_TAKEN; other errors pass', async () => {
    const t = setup();
    t.users.insert.mockRejectedValueOnce(Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'users_email_key_uq' }));
    await expect(t.service.create(ACCOUNT)).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    const other = new Error('boom');
    t.users.insert.mockRejectedValueOnce(other);
    await expect(t.service.create(ACCOUNT)).rejects.toBe(other);
  });
});
