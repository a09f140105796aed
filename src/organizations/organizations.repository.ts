import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Organization } from './organization.entity';

type Db = DataSource | EntityManager;

export type NewOrganization = Pick<Organization, 'name' | 'bin' | 'address' | 'timeZone' | 'councilId'>;

/** Every statement on the organizations table. */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: DataSource) {}

  insert(db: Db, organization: NewOrganization): Promise<Organization> {
    return db.getRepository(Organization).save(organization);
  }

  async updateTexts(em: EntityManager, id: string, texts: Partial<Pick<Organization, 'name' | 'address'>>): Promise<void> {
    await em.getRepository(Organization).update({ id }, texts);
  }

  /** The organization, locked until the transaction ends (null when there is none). */
  lockById(em: EntityManager, id: string): Promise<Organization | null> {
    return em.getRepository(Organization).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
  }

  exists(db: Db, id: string): Promise<boolean> {
    return db.getRepository(Organization).exist({ where: { id } });
  }

  binTaken(bin: string): Promise<boolean> {
    return this.db.getRepository(Organization).exist({ where: { bin } });
  }

  findById(id: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOneBy({ id });
  }

  listByName(): Promise<Organization[]> {
    return this.db.getRepository(Organization).find({ order: { name: 'ASC' } });
  }

  count(): Promise<number> {
    return this.db.getRepository(Organization).count();
  }
}
