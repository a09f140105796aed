import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../identity/db-errors';
import { isValidBin } from './bin';
import { Council } from './council.entity';
import { Organization } from './organization.entity';
import { CouncilView, OrganizationView } from './organizations.dto';

export function toOrganizationView(o: Organization): OrganizationView {
  return { id: o.id, name: o.name, bin: o.bin, address: o.address, timeZone: o.timeZone, councilId: o.councilId };
}

@Injectable()
export class OrganizationsService {
  constructor(private readonly dataSource: DataSource) {}

  async createCouncil(name: string): Promise<{ id: string }> {
    const council = await this.dataSource.getRepository(Council).save({ name });
    return { id: council.id };
  }

  async listCouncils(): Promise<CouncilView[]> {
    const rows = await this.dataSource.getRepository(Council).find({ order: { name: 'ASC' } });
    return rows.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt.toISOString() }));
  }

  async createOrganization(input: Omit<OrganizationView, 'id'>): Promise<{ id: string }> {
    if (!isValidBin(input.bin)) throw new AppError('INVALID_BIN');
    if (!IANAZone.isValidZone(input.timeZone)) throw new AppError('INVALID_TIME_ZONE');
    const council = await this.dataSource.getRepository(Council).findOneBy({ id: input.councilId });
    if (!council) throw new AppError('COUNCIL_NOT_FOUND');
    const repo = this.dataSource.getRepository(Organization);
    if (await repo.exist({ where: { bin: input.bin } })) throw new AppError('BIN_TAKEN');
    try {
      const saved = await repo.save({ ...input });
      return { id: saved.id };
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_bin_uq')) throw new AppError('BIN_TAKEN');
      throw error;
    }
  }

  async listOrganizations(): Promise<OrganizationView[]> {
    const rows = await this.dataSource.getRepository(Organization).find({ order: { name: 'ASC' } });
    return rows.map(toOrganizationView);
  }
}
