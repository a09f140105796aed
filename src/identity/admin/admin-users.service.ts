import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { Locale } from '../../common/i18n/locale';
import { Council } from '../../organizations/council.entity';
import { Organization } from '../../organizations/organization.entity';
import { emailKey } from '../auth.service';
import { isUniqueViolation } from '../db-errors';
import { checkPassword, hashPassword } from '../password-policy';
import { Role, User } from '../user.entity';

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

/** Accounts made by an administrator (or at start-up): the e-mail counts as verified. */
@Injectable()
export class AdminUsersService {
  constructor(private readonly dataSource: DataSource, private readonly clock: Clock) {}

  async create(input: NewStaffUser, options: { passwordHash?: string; checkPassword?: boolean } = {}): Promise<{ id: string }> {
    if (options.checkPassword !== false) checkPassword(input.password);
    const organizationId = input.role === 'organizer' ? input.organizationId ?? null : null;
    const councilId = input.role === 'council_member' ? input.councilId ?? null : null;
    const isChair = input.role === 'council_member' ? input.isChair === true : false;
    if (input.role === 'organizer' && !organizationId) throw new AppError('ROLE_MISMATCH', { field: 'organizationId' });
    if (input.role === 'council_member' && !councilId) throw new AppError('ROLE_MISMATCH', { field: 'councilId' });
    const key = emailKey(input.email);
    if (await this.dataSource.getRepository(User).exist({ where: { emailKey: key } })) throw new AppError('EMAIL_TAKEN');
    const passwordHash = options.passwordHash ?? (await hashPassword(input.password));
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.checkRefs(em, organizationId, councilId, isChair);
        const user = await em.getRepository(User).save({
          email: input.email.trim(),
          emailKey: key,
          passwordHash,
          displayName: input.displayName.trim(),
          locale: input.locale ?? 'ru',
          role: input.role,
          organizationId,
          councilId,
          isChair,
          emailVerifiedAt: this.clock.now(),
        });
        return { id: user.id };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key_uq')) throw new AppError('EMAIL_TAKEN');
      throw error;
    }
  }

  private async checkRefs(em: EntityManager, organizationId: string | null, councilId: string | null, isChair: boolean): Promise<void> {
    if (organizationId && !(await em.getRepository(Organization).exist({ where: { id: organizationId } }))) {
      throw new AppError('ORGANIZATION_NOT_FOUND');
    }
    if (councilId) {
      // Lock the council so that two admins cannot make two chairs at once.
      const council = await em.getRepository(Council).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: councilId }).getOne();
      if (!council) throw new AppError('COUNCIL_NOT_FOUND');
      if (isChair && (await em.getRepository(User).exist({ where: { councilId, isChair: true } }))) throw new AppError('CHAIR_EXISTS');
    }
  }
}
