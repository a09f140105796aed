import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { isValidBin } from './bin';
import { CouncilsRepository } from './councils.repository';
import { Organization } from './organization.entity';
import { CouncilView, OrganizationView } from './organizations.dto';
import { OrganizationsRepository } from './organizations.repository';

function toOrganizationView(o: Organization): OrganizationView {
  return { id: o.id, name: o.name, bin: o.bin, address: o.address, timeZone: o.timeZone, councilId: o.councilId };
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: DataSource,
    private readonly councils: CouncilsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async createCouncil(name: string): Promise<{ id: string }> {
    const council = await this.councils.insert(this.db, name);
    return { id: council.id };
  }

  async listCouncils(): Promise<CouncilView[]> {
    const rows = await this.councils.listByName();
    return rows.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt.toISOString() }));
  }

  async createOrganization(input: Omit<OrganizationView, 'id'>): Promise<{ id: string }> {
    if (!isValidBin(input.bin)) throw new AppError('INVALID_BIN');
    if (!IANAZone.isValidZone(input.timeZone)) throw new AppError('INVALID_TIME_ZONE');
    if (!(await this.councils.findById(input.councilId))) throw new AppError('COUNCIL_NOT_FOUND');
    if (await this.organizations.binTaken(input.bin)) throw new AppError('BIN_TAKEN');
    try {
      const saved = await this.organizations.insert(this.db, { ...input });
      return { id: saved.id };
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_bin_uq')) throw new AppError('BIN_TAKEN');
      throw error;
    }
  }

  async listOrganizations(): Promise<OrganizationView[]> {
    const rows = await this.organizations.listByName();
    return rows.map(toOrganizationView);
  }
}
