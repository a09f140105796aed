import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { LocalizedText } from '../common/i18n/localized-text';
import { entitiesOf, whereInStatement } from '../database/entity-row';
import { HearingChange } from './hearing-change.entity';
import { Hearing } from './hearing.entity';
import { Protocol } from './protocol.entity';

type Executor = DataSource | EntityManager;

/** The statements of the plan list's hearings, their changes and protocols (the benchmark's bare handler runs them too). */
export const hearingsOfPlansSql = (db: Executor) => whereInStatement(db, Hearing, 'planId');
export const changesOfHearingsSql = (db: Executor) =>
  whereInStatement(db, HearingChange, 'hearingId', ['hearingId', 'sequence', 'createdAt']);
export const protocolsOfPlansSql = (db: Executor) => whereInStatement(db, Protocol, 'planId', ['planId', 'version']);

/** Every statement on hearings, hearing_changes and protocols outside the sweep. */
@Injectable()
export class HearingsRepository {
  byPlan(db: Executor, planId: string): Promise<Hearing | null> {
    return db.getRepository(Hearing).findOne({ where: { planId } });
  }

  byId(db: Executor, id: string): Promise<Hearing> {
    return db.getRepository(Hearing).findOneOrFail({ where: { id } });
  }

  /** When the plan's hearing starts, if one is scheduled (not cancelled). */
  async scheduledStart(em: EntityManager, planId: string): Promise<Date | null> {
    const hearing = await em.getRepository(Hearing).findOne({ where: { planId, status: 'scheduled' }, select: { startsAt: true } });
    return hearing?.startsAt ?? null;
  }

  create(em: EntityManager, hearing: Omit<Hearing, 'id' | 'createdAt' | 'updatedAt' | 'plan'>): Promise<Hearing> {
    const repo = em.getRepository(Hearing);
    return repo.save(repo.create(hearing));
  }

  /** Changes a hearing and reads it back as stored. */
  async update(em: EntityManager, id: string, fields: Partial<Omit<Hearing, 'id' | 'plan'>>): Promise<Hearing> {
    const repo = em.getRepository(Hearing);
    await repo.update({ id }, fields);
    return repo.findOneOrFail({ where: { id } });
  }

  async addChange(em: EntityManager, change: Omit<HearingChange, 'id' | 'hearing'>): Promise<void> {
    await em.getRepository(HearingChange).insert(change);
  }

  /** The translated room also in the history's entry of the current sequence (what was announced, now in more languages). */
  async translateChangeRoom(em: EntityManager, hearingId: string, sequence: number, room: LocalizedText): Promise<void> {
    await em.getRepository(HearingChange).update({ hearingId, sequence }, { room });
  }

  /** The public history of a hearing, in order. */
  /** The hearings of several plans in one statement (hearings_plan_uq). */
  byPlans(db: Executor, planIds: string[]): Promise<Hearing[]> {
    return entitiesOf(db, Hearing, hearingsOfPlansSql(db), planIds);
  }

  /** The changes of several hearings in one statement, each hearing's in its order (hearing_changes_hearing_idx). */
  changesOfHearings(db: Executor, hearingIds: string[]): Promise<HearingChange[]> {
    return entitiesOf(db, HearingChange, changesOfHearingsSql(db), hearingIds);
  }

  /** Every protocol version of several plans in one statement, oldest first per plan (protocols_plan_version_uq). */
  protocolsOfPlans(db: Executor, planIds: string[]): Promise<Protocol[]> {
    return entitiesOf(db, Protocol, protocolsOfPlansSql(db), planIds);
  }

  changes(db: Executor, hearingId: string): Promise<HearingChange[]> {
    return db.getRepository(HearingChange).find({ where: { hearingId }, order: { sequence: 'ASC', createdAt: 'ASC' } });
  }

  /** Every version of the plan's protocol, oldest first. */
  protocols(db: Executor, planId: string): Promise<Protocol[]> {
    return db.getRepository(Protocol).find({ where: { planId }, order: { version: 'ASC' } });
  }

  latestProtocol(em: EntityManager, planId: string): Promise<Protocol | null> {
    return em.getRepository(Protocol).findOne({ where: { planId }, order: { version: 'DESC' } });
  }

  /** Translations added to a published protocol version in place (not a correction). */
  async updateProtocol(
    em: EntityManager,
    id: string,
    texts: Pick<Protocol, 'summary' | 'speakers' | 'positions' | 'questions' | 'decisions' | 'correctionReason'>,
  ): Promise<void> {
    await em.getRepository(Protocol).update({ id }, texts);
  }

  async addProtocol(em: EntityManager, protocol: Omit<Protocol, 'id' | 'plan'>): Promise<void> {
    await em.getRepository(Protocol).insert(protocol);
  }
}
