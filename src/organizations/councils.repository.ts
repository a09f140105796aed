import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { LocalizedText } from '../common/i18n/localized-text';
import { Council } from './council.entity';

type Db = DataSource | EntityManager;

/** Every statement on the councils table. */
@Injectable()
export class CouncilsRepository {
  constructor(private readonly db: DataSource) {}

  insert(db: Db, name: LocalizedText): Promise<Council> {
    return db.getRepository(Council).save(db.getRepository(Council).create({ name }));
  }

  async rename(em: EntityManager, id: string, name: LocalizedText): Promise<void> {
    await em.getRepository(Council).update({ id }, { name });
  }

  listByName(): Promise<Council[]> {
    return this.db.getRepository(Council).find({ order: { name: 'ASC' } });
  }

  findById(id: string): Promise<Council | null> {
    return this.db.getRepository(Council).findOneBy({ id });
  }

  /** The council, locked until the transaction ends (null when there is none). */
  lockById(em: EntityManager, id: string): Promise<Council | null> {
    return em.getRepository(Council).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }
}
