import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import type { ImportedDraft } from './plan-import.parser';

/** Every statement of the import, on plans (the index plans_org_plan_point_uq serves both). */
@Injectable()
export class PlanImportRepository {
  /** The plans of the organization already carrying one of these plan-point numbers. */
  async existing(em: EntityManager, organizationId: string, numbers: readonly string[]): Promise<Map<string, string>> {
    if (numbers.length === 0) return new Map();
    const rows = await queryRows<{ id: string; plan_point_number: string }>(
      em,
      `SELECT id, plan_point_number FROM plans WHERE organization_id = $1 AND plan_point_number = ANY($2::text[])`,
      [organizationId, numbers],
    );
    return new Map(rows.map((r) => [r.plan_point_number, r.id]));
  }

  /**
   * Inserts the drafts in one statement; a plan-point number the organization has already (another
   * import committed meanwhile) is skipped by the unique index, not duplicated. Returns the ids of
   * the drafts created, by plan-point number. The description of an imported draft is its name.
   */
  async insertDrafts(
    em: EntityManager,
    organizationId: string,
    createdBy: string,
    drafts: readonly ImportedDraft[],
  ): Promise<Map<string, string>> {
    if (drafts.length === 0) return new Map();
    const records = drafts.map((d) => ({
      plan_point_number: d.planPointNumber,
      title: d.title.toJSON(),
      subject_code: d.subjectCode,
      amount: d.amount,
      method: d.method,
      planned_quarter: d.plannedQuarter,
      delivery_place: d.deliveryPlace?.toJSON() ?? null,
    }));
    const rows = await queryRows<{ id: string; plan_point_number: string }>(
      em,
      `INSERT INTO plans (organization_id, created_by, plan_point_number, title, description, subject_code, amount, method, planned_quarter, delivery_place)
       SELECT $1, $2, r.plan_point_number, r.title, r.title, r.subject_code, r.amount, r.method, r.planned_quarter, r.delivery_place
         FROM jsonb_to_recordset($3::jsonb) AS r(plan_point_number text, title jsonb, subject_code varchar, amount bigint,
                                                 method varchar, planned_quarter varchar, delivery_place jsonb)
       ON CONFLICT (organization_id, plan_point_number) WHERE plan_point_number IS NOT NULL DO NOTHING
       RETURNING id, plan_point_number`,
      [organizationId, createdBy, JSON.stringify(records)],
    );
    return new Map(rows.map((r) => [r.plan_point_number, r.id]));
  }
}
