import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../identity/auth/auth-user';
import type { ImportColumn } from './plan-import.columns';
import { ImportedDraft, parseAnnualPlan, ParsedRow, RowError } from './plan-import.parser';
import { PlanImportRepository } from './plan-import.repository';

/** new: a draft will be created; exists: the organization has this plan-point number (skipped); created: by this confirm. */
export type ImportRowStatus = 'new' | 'exists' | 'invalid' | 'created';

export interface ImportRow {
  row: number;
  planPointNumber: string | null;
  status: ImportRowStatus;
  values: Record<ImportColumn, string>;
  errors: RowError[];
  /** The draft created (created), or the plan already carrying the number (exists). */
  planId: string | null;
}

export interface ImportOutcome {
  rows: ImportRow[];
  summary: Record<ImportRowStatus, number> & { total: number };
}

/**
 * The import of an organizer's annual plan as drafts: a preview that writes nothing, and a confirm
 * that reads the file again and creates the drafts of its valid, new rows in one transaction.
 * Idempotent by plan-point number per organization (the unique index plans_org_plan_point_uq).
 */
@Injectable()
export class PlanImportService {
  constructor(
    private readonly db: DataSource,
    private readonly imports: PlanImportRepository,
  ) {}

  async preview(user: AuthUser, csv: string): Promise<ImportOutcome> {
    const organizationId = organizationOf(user);
    const rows = parseAnnualPlan(csv);
    const existing = await this.imports.existing(this.db.manager, organizationId, numbersOf(rows));
    return outcome(rows.map((r) => rowOf(r, existing)));
  }

  async confirm(user: AuthUser, csv: string): Promise<ImportOutcome> {
    const organizationId = organizationOf(user);
    const rows = parseAnnualPlan(csv);
    const result = await this.db.transaction((em) => this.create(em, organizationId, user.id, rows));
    return outcome(result);
  }

  private async create(em: EntityManager, organizationId: string, userId: string, parsed: ParsedRow[]): Promise<ImportRow[]> {
    const existing = await this.imports.existing(em, organizationId, numbersOf(parsed));
    const rows = parsed.map((r) => rowOf(r, existing));
    const drafts = parsed.filter((r, i) => rows[i].status === 'new').map((r) => r.draft as ImportedDraft);
    const created = await this.imports.insertDrafts(em, organizationId, userId, drafts);
    // a number another import committed meanwhile was skipped by the unique index: already imported
    const lost = drafts.map((d) => d.planPointNumber).filter((n) => !created.has(n));
    const meanwhile = await this.imports.existing(em, organizationId, lost);
    return rows.map((row) => {
      if (row.status !== 'new') return row;
      const id = created.get(row.planPointNumber!);
      return id
        ? { ...row, status: 'created', planId: id }
        : { ...row, status: 'exists', planId: meanwhile.get(row.planPointNumber!) ?? null };
    });
  }
}

function organizationOf(user: AuthUser): string {
  if (user.role !== 'organizer' || !user.organizationId) throw new AppError('FORBIDDEN');
  return user.organizationId;
}

function numbersOf(rows: ParsedRow[]): string[] {
  return [...new Set(rows.map((r) => r.values.planPointNumber).filter((n) => n !== ''))];
}

function rowOf(r: ParsedRow, existing: Map<string, string>): ImportRow {
  const number = r.values.planPointNumber || null;
  const planId = number ? (existing.get(number) ?? null) : null;
  // an invalid row stays invalid even if its number exists: the organizer sees what is wrong in the file
  const status: ImportRowStatus = r.draft === null ? 'invalid' : planId ? 'exists' : 'new';
  return { row: r.row, planPointNumber: number, status, values: r.values, errors: r.errors, planId: status === 'exists' ? planId : null };
}

function outcome(rows: ImportRow[]): ImportOutcome {
  const summary = { total: rows.length, new: 0, exists: 0, invalid: 0, created: 0 };
  for (const r of rows) summary[r.status] += 1;
  return { rows, summary };
}
