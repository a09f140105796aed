import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { Locale } from '../../common/i18n/locale';
import { checkPassword } from '../../identity/password-policy';
import { Role } from '../../identity/user.entity';
import { UsersRepository } from '../../identity/users.repository';
import { UsersService } from '../../identity/users.service';
import { CouncilsRepository } from '../councils.repository';
import { OrganizationsRepository } from '../organizations.repository';

export interface NewStaffUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
  councilId?: string | null;
  isChair?: boolean;
  locale?: Locale;
}

/**
 * Accounts made by an administrator (or at start-up), attached to their organization or council;
 * the e-mail counts as verified.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly clock: Clock,
    private readonly accounts: UsersService,
    private readonly users: UsersRepository,
    private readonly councils: CouncilsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async create(input: NewStaffUser, options: { checkPassword?: boolean } = {}): Promise<{ id: string }> {
    if (options.checkPassword !== false) checkPassword(input.password);
    const organizationId = input.role === 'organizer' ? (input.organizationId ?? null) : null;
    const councilId = input.role === 'council_member' ? (input.councilId ?? null) : null;
    const isChair = input.role === 'council_member' ? input.isChair === true : false;
    if (input.role === 'organizer' && !organizationId) throw new AppError('ROLE_MISMATCH', { field: 'organizationId' });
    if (input.role === 'council_member' && !councilId) throw new AppError('ROLE_MISMATCH', { field: 'councilId' });
    const user = await this.accounts.create(
      {
        email: input.email,
        password: input.password,
        displayName: input.displayName,
        locale: input.locale ?? 'ru',
        role: input.role,
        organizationId,
        councilId,
        isChair,
        emailVerifiedAt: this.clock.now(),
      },
      { before: (em) => this.checkRefs(em, organizationId, councilId, isChair) },
    );
    return { id: user.id };
  }

  private async checkRefs(em: EntityManager, organizationId: string | null, councilId: string | null, isChair: boolean): Promise<void> {
    if (organizationId && !(await this.organizations.exists(em, organizationId))) throw new AppError('ORGANIZATION_NOT_FOUND');
    if (councilId) {
      // Lock the council so that two admins cannot make two chairs at once.
      if (!(await this.councils.lockById(em, councilId))) throw new AppError('COUNCIL_NOT_FOUND');
      if (isChair && (await this.users.chairExists(em, councilId))) throw new AppError('CHAIR_EXISTS');
    }
  }
}
