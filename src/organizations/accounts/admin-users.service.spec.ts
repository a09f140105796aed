import type { EntityManager } from 'typeorm';
import { ManualClock } from '../../common/clock';
import type { User } from '../../identity/user.entity';
import type { UsersRepository } from '../../identity/users.repository';
import type { AccountSteps, NewAccount, UsersService } from '../../identity/users.service';
import type { Council } from '../council.entity';
import type { CouncilsRepository } from '../councils.repository';
import type { OrganizationsRepository } from '../organizations.repository';
import type { NewStaffUser } from './admin-users.service';
import { AdminUsersService } from './admin-users.service';

const NOW = new Date('2027-03-01T10:00:00Z');
const em = {} as EntityManager;
const STAFF = { email: 'staff@akimat.kz', password: 'Tulip-garden-2027', displayName: 'Staff' };

function setup() {
  const users = { chairExists: jest.fn(async () => false) };
  const councils = { lockById: jest.fn(async (): Promise<Council | null> => ({ id: 'c1' }) as Council) };
  const organizations = { exists: jest.fn(async () => true) };
  // The account is created with the caller's checks run as they would be inside its transaction.
  const accounts = {
    create: jest.fn(async (account: NewAccount, steps: AccountSteps) => {
      await steps.before?.(em);
      return { id: 'u1', ...account } as unknown as User;
    }),
  };
  const service = new AdminUsersService(
    new ManualClock(NOW),
    accounts as unknown as UsersService,
    users as unknown as UsersRepository,
    councils as unknown as CouncilsRepository,
    organizations as unknown as OrganizationsRepository,
  );
  const create = (input: Partial<NewStaffUser>, options?: { checkPassword?: boolean }) =>
    service.create({ ...STAFF, role: 'admin', ...input }, options);
  return { create, accounts, users, councils, organizations };
}

describe('AdminUsersService.create', () => {
  it('an organizer needs an organization, a council member a council (ROLE_MISMATCH names the field)', async () => {
    const t = setup();
    await expect(t.create({ role: 'organizer', councilId: 'c1' })).rejects.toMatchObject({
      code: 'ROLE_MISMATCH',
      params: { field: 'organizationId' },
    });
    await expect(t.create({ role: 'council_member', organizationId: 'o1' })).rejects.toMatchObject({
      code: 'ROLE_MISMATCH',
      params: { field: 'councilId' },
    });
    expect(t.accounts.create).not.toHaveBeenCalled();
  });

  it('keeps only what the role uses, marks the address verified and defaults the language to ru', async () => {
    const t = setup();
    await t.create({ role: 'organizer', organizationId: 'o1', councilId: 'c1', isChair: true });
    expect(t.accounts.create.mock.calls[0][0]).toMatchObject({
      role: 'organizer',
      organizationId: 'o1',
      councilId: null,
      isChair: false,
      emailVerifiedAt: NOW,
      locale: 'ru',
    });
    await t.create({ role: 'admin', organizationId: 'o1', councilId: 'c1', isChair: true, locale: 'en' });
    expect(t.accounts.create.mock.calls[1][0]).toMatchObject({ organizationId: null, councilId: null, isChair: false, locale: 'en' });
    expect(t.councils.lockById).not.toHaveBeenCalled();
  });

  it('refuses a missing organization or council', async () => {
    const t = setup();
    t.organizations.exists.mockResolvedValue(false);
    await expect(t.create({ role: 'organizer', organizationId: 'o1' })).rejects.toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
    t.councils.lockById.mockResolvedValue(null);
    await expect(t.create({ role: 'council_member', councilId: 'c1' })).rejects.toMatchObject({ code: 'COUNCIL_NOT_FOUND' });
  });

  it('allows one chair per council, judged with the council locked', async () => {
    const t = setup();
    await t.create({ role: 'council_member', councilId: 'c1' });
    expect(t.users.chairExists).not.toHaveBeenCalled();
    t.users.chairExists.mockResolvedValue(true);
    await expect(t.create({ role: 'council_member', councilId: 'c1', isChair: true })).rejects.toMatchObject({ code: 'CHAIR_EXISTS' });
    expect(t.councils.lockById).toHaveBeenLastCalledWith(em, 'c1');
    expect(t.users.chairExists).toHaveBeenCalledWith(em, 'c1');
  });

  it('checks the password policy unless told not to (the operator’s ADMIN_PASSWORD at start-up)', async () => {
    const t = setup();
    await expect(t.create({ password: 'password123' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    await expect(t.create({ password: 'password123' }, { checkPassword: false })).resolves.toEqual({ id: 'u1' });
  });
});
