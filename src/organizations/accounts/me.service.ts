import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { Role } from '../../identity/user.entity';
import { UsersRepository } from '../../identity/users.repository';
import { CouncilsRepository } from '../councils.repository';
import { OrganizationsRepository } from '../organizations.repository';

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: string;
  emailVerified: boolean;
  /** When the person consented to the publication of their display name and remarks (null: not recorded). */
  consentAt: string | null;
  /** Names in the reader's language, every version under `i18n`. */
  organization: { id: string; name: LocalizedText } | null;
  council: { id: string; name: LocalizedText; isChair: boolean } | null;
}

/** The signed-in user with the organization or council they belong to. */
@Injectable()
export class MeService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly councils: CouncilsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async me(userId: string): Promise<MeView> {
    const user = await this.users.getById(this.db, userId);
    const organization = user.organizationId ? await this.organizations.findById(user.organizationId) : null;
    const council = user.councilId ? await this.councils.findById(user.councilId) : null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      locale: user.locale,
      emailVerified: user.emailVerifiedAt !== null,
      consentAt: user.consentAt?.toISOString() ?? null,
      organization: organization ? { id: organization.id, name: organization.name } : null,
      council: council ? { id: council.id, name: council.name, isChair: user.isChair } : null,
    };
  }
}
