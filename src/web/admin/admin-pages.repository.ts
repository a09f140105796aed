import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { localizedRows } from '../../database/localized-rows';
import { queryRows } from '../../database/query-rows';
import {
  CURSOR_TIME_FORMAT,
  decodeNameCursor,
  decodeTimeCursor,
  encodeNameCursor,
  encodeTimeCursor,
  KeysetPage,
  keysetPage,
} from '../keyset-page';

/**
 * The read model of the administrator's pages: one query per list, keyset pages (indexes in
 * migrations/1795435246202-CouncilAdminPages.ts). Creating things goes through the services.
 */

export interface OrganizationRow {
  id: string;
  name: LocalizedText;
  bin: string;
  address: LocalizedText;
  time_zone: string;
  council_name: LocalizedText;
}

export interface CouncilRow {
  id: string;
  name: LocalizedText;
  members: number;
  chair_name: string | null;
  organizations: number;
}

export interface StaffRow {
  id: string;
  display_name: string;
  email: string;
  role: string;
  is_chair: boolean;
  organization_name: LocalizedText | null;
  council_name: LocalizedText | null;
  created_at: Date;
  cursor_at: string;
}

export interface OverrideRow {
  date: string;
  working: boolean;
  reason: string;
  updated_at: Date;
  updated_by_name: string | null;
}

/** A name's sort key in a keyset cursor: its jsonb, as the lists order by it. */
function nameKey(name: LocalizedText): string {
  return JSON.stringify(name.toJSON());
}

/** A name cursor whose key is a jsonb name (a tampered one starts the list again). */
function jsonNameCursor(cursor: unknown): { name: string; id: string } | null {
  const after = decodeNameCursor(cursor);
  if (!after) return null;
  try {
    const parsed: unknown = JSON.parse(after.name);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? after : null;
  } catch {
    return null;
  }
}

const CURSOR_AT = `to_char(u.created_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at`;

@Injectable()
export class AdminPagesRepository {
  constructor(private readonly db: DataSource) {}

  /** Organizers by name with their council (organizations_name_idx). */
  async organizations(cursor: unknown, limit = 50): Promise<KeysetPage<OrganizationRow>> {
    const after = jsonNameCursor(cursor);
    const rows = await queryRows<OrganizationRow>(
      this.db,
      `SELECT o.id, o.name, o.bin, o.address, o.time_zone, c.name AS council_name
         FROM organizations o JOIN councils c ON c.id = o.council_id
        WHERE ($1::jsonb IS NULL OR (o.name, o.id) > ($1::jsonb, $2::uuid))
        ORDER BY o.name, o.id
        LIMIT $3`,
      [after?.name ?? null, after?.id ?? null, limit + 1],
    );
    return keysetPage(localizedRows(rows, ['name', 'address', 'council_name']), limit, (r) => encodeNameCursor(nameKey(r.name), r.id));
  }

  /** Councils by name with their members, chair and organizers (councils_name_idx; counts by users_council_idx, organizations_council_idx). */
  async councils(cursor: unknown, limit = 50): Promise<KeysetPage<CouncilRow>> {
    const after = jsonNameCursor(cursor);
    const rows = await queryRows<CouncilRow>(
      this.db,
      `SELECT c.id, c.name,
              (SELECT count(*)::int FROM users u WHERE u.council_id = c.id AND u.role = 'council_member') AS members,
              (SELECT u.display_name FROM users u WHERE u.council_id = c.id AND u.is_chair LIMIT 1) AS chair_name,
              (SELECT count(*)::int FROM organizations o WHERE o.council_id = c.id) AS organizations
         FROM councils c
        WHERE ($1::jsonb IS NULL OR (c.name, c.id) > ($1::jsonb, $2::uuid))
        ORDER BY c.name, c.id
        LIMIT $3`,
      [after?.name ?? null, after?.id ?? null, limit + 1],
    );
    return keysetPage(localizedRows(rows, ['name']), limit, (r) => encodeNameCursor(nameKey(r.name), r.id));
  }

  /** Staff accounts (everyone but citizens), newest first (users_staff_created_idx). */
  async staff(cursor: unknown, limit = 50): Promise<KeysetPage<StaffRow>> {
    const before = decodeTimeCursor(cursor);
    const rows = await queryRows<StaffRow>(
      this.db,
      `SELECT u.id, u.display_name, u.email, u.role, u.is_chair, o.name AS organization_name, c.name AS council_name, u.created_at, ${CURSOR_AT}
         FROM users u
         LEFT JOIN organizations o ON o.id = u.organization_id
         LEFT JOIN councils c ON c.id = u.council_id
        WHERE u.role <> 'citizen'
          AND ($1::timestamptz IS NULL OR (u.created_at, u.id) < ($1::timestamptz, $2::uuid))
        ORDER BY u.created_at DESC, u.id DESC
        LIMIT $3`,
      [before?.at ?? null, before?.id ?? null, limit + 1],
    );
    return keysetPage(localizedRows(rows, ['organization_name', 'council_name']), limit, (r) => encodeTimeCursor(r.cursor_at, r.id));
  }

  /** The calendar overrides of a year (at most 366 rows, by the primary key). */
  async overrides(year: number): Promise<OverrideRow[]> {
    return queryRows<OverrideRow>(
      this.db,
      `SELECT co.date::text AS date, co.working, co.reason, co.updated_at, u.display_name AS updated_by_name
         FROM calendar_overrides co LEFT JOIN users u ON u.id = co.updated_by
        WHERE co.date BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
        ORDER BY co.date`,
      [year],
    );
  }
}
