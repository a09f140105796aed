import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';

export interface ReminderCandidate {
  id: string;
  starts_at: Date;
  /** The hearing's local date, YYYY-MM-DD. */
  local_date: string;
  time_zone: string;
}

/**
 * The hearing sweep's statements. Candidates are read without locks; each claim is a conditional
 * UPDATE that repeats the candidate's conditions, so it claims nothing once another instance did
 * or the hearing or plan changed in between.
 */
@Injectable()
export class HearingSweepRepository {
  /** Scheduled hearings in the next 40 days not yet reminded of for their current start time. */
  reminderCandidates(db: DataSource, now: Date): Promise<ReminderCandidate[]> {
    return queryRows<ReminderCandidate>(
      db,
      `SELECT h.id, h.starts_at, to_char(h.local_date, 'YYYY-MM-DD') AS local_date, o.time_zone
         FROM hearings h JOIN plans p ON p.id = h.plan_id JOIN organizations o ON o.id = p.organization_id
        WHERE h.status = 'scheduled' AND h.starts_at > $1 AND h.reminder_swept_for IS DISTINCT FROM h.starts_at
          AND h.starts_at < $1::timestamptz + interval '40 days'`,
      [now],
    );
  }

  /** True when this call claimed the reminder of the hearing starting at `startsAt`. */
  async claimReminder(em: EntityManager, hearingId: string, startsAt: Date): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      em,
      `UPDATE hearings SET reminder_swept_for = starts_at
        WHERE id = $1 AND status = 'scheduled' AND starts_at = $2 AND reminder_swept_for IS DISTINCT FROM starts_at
        RETURNING id`,
      [hearingId, startsAt],
    );
    return rows.length > 0;
  }

  /** Plans whose hearing deadline passed (in their organizer's zone) without a held hearing or a protocol, not yet marked. */
  overdueCandidates(db: DataSource, now: Date): Promise<{ id: string }[]> {
    return queryRows<{ id: string }>(
      db,
      `SELECT p.id FROM plans p JOIN organizations o ON o.id = p.organization_id
        WHERE p.hearing_overdue_at IS NULL AND p.protocol_published_at IS NULL AND p.hearing_deadline_date IS NOT NULL
          AND p.hearing_deadline_date < ($1::timestamptz AT TIME ZONE o.time_zone)::date
          AND NOT EXISTS (SELECT 1 FROM hearings h WHERE h.plan_id = p.id AND h.status = 'scheduled' AND h.starts_at <= $1)`,
      [now],
    );
  }

  /** True when this call marked the plan overdue. */
  async claimOverdue(em: EntityManager, planId: string, now: Date): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      em,
      `UPDATE plans p SET hearing_overdue_at = $2
         FROM organizations o
        WHERE p.id = $1 AND o.id = p.organization_id AND p.hearing_overdue_at IS NULL AND p.protocol_published_at IS NULL
          AND p.hearing_deadline_date < ($2::timestamptz AT TIME ZONE o.time_zone)::date
          AND NOT EXISTS (SELECT 1 FROM hearings h WHERE h.plan_id = p.id AND h.status = 'scheduled' AND h.starts_at <= $2)
        RETURNING p.id`,
      [planId, now],
    );
    return rows.length > 0;
  }
}
