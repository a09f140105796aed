import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { entitiesOf, whereInStatement } from '../database/entity-row';
import { queryRows } from '../database/query-rows';
import { Plan } from '../plans/plan.entity';
import { notOptedOutOfNews, type RecipientRow as Recipient } from '../plans/plan-recipients.repository';
import { Notice } from './notice.entity';

/** Every version of the plan's notice, oldest first, on the caller's executor (the plan record passes its own). */
export function noticeVersions(db: DataSource | EntityManager, planId: string): Promise<Notice[]> {
  return db.getRepository(Notice).find({ where: { planId }, order: { version: 'ASC' } });
}

/** The statement of noticeVersionsOfPlans (the benchmark's bare handler runs it too). */
export const noticesOfPlansSql = (db: DataSource | EntityManager) => whereInStatement(db, Notice, 'planId', ['planId', 'version']);

/** Every notice version of several plans in one statement, oldest first per plan (notices_plan_version_uq). */
export function noticeVersionsOfPlans(db: DataSource | EntityManager, planIds: string[]): Promise<Notice[]> {
  return entitiesOf(db, Notice, noticesOfPlansSql(db), planIds);
}

/** The plan's stage 2 window; either end null before the notice. */
export async function planStage2Window(
  db: DataSource | EntityManager,
  planId: string,
): Promise<{ opensAt: Date | null; closesAt: Date | null } | null> {
  const plan = await db
    .getRepository(Plan)
    .findOne({ where: { id: planId }, select: { id: true, stage2OpensAt: true, stage2ClosesAt: true } });
  return plan ? { opensAt: plan.stage2OpensAt, closesAt: plan.stage2ClosesAt } : null;
}

/** Every statement of stage 2 on notices, and the plan's stage 2 columns. */
@Injectable()
export class DocumentationRepository {
  insertNotice(em: EntityManager, row: Omit<Notice, 'id'>): Promise<Notice> {
    return em.getRepository(Notice).save(row);
  }

  /** Translations added to a published version: its texts change, the version and its date do not. */
  async updateNoticeTexts(em: EntityManager, noticeId: string, texts: Pick<Notice, 'documents' | 'correctionReason'>): Promise<void> {
    await em.getRepository(Notice).update({ id: noticeId }, texts);
  }

  async lastNoticeVersion(em: EntityManager, planId: string): Promise<number> {
    const [{ last }] = await queryRows<{ last: number }>(em, 'SELECT max(version)::int AS last FROM notices WHERE plan_id = $1', [planId]);
    return last;
  }

  async markNoticePublished(em: EntityManager, planId: string, at: Date, window: { opensAt: Date; closesAt: Date }): Promise<void> {
    await em.update(Plan, { id: planId }, { noticePublishedAt: at, stage2OpensAt: window.opensAt, stage2ClosesAt: window.closesAt });
  }

  /** Everyone who took part in the discussion or follows it, except those who unsubscribed from its news. */
  participants(em: EntityManager, planId: string): Promise<Recipient[]> {
    return queryRows<Recipient>(
      em,
      `SELECT u.id, u.email, u.locale, u.display_name FROM users u
        WHERE u.id IN (SELECT author_id FROM remarks WHERE plan_id = $1 UNION SELECT user_id FROM plan_subscriptions WHERE plan_id = $1)
          AND ${notOptedOutOfNews('u.id', '$1')}`,
      [planId],
    );
  }
}
