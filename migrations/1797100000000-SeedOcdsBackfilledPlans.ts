import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plans whose releases were complete before 1796900000000-OpenDataAtScale (synced by the periodic
 * sync of the previous version, which released every event of a plan at once) are listed in
 * ocds_backfilled_plans, so an upgraded database does not walk them again through the bounded backfill.
 *
 * A plan is complete as the backfill decides it (open-data/ocds/ocds-sync.service.ts): every event of
 * it has its release, found by the release's key (ocds-mapping.ts): publication, hearing changes,
 * protocols, conclusion, notices, stage 2, outcomes, remarks, answer versions, verdicts, and the
 * moderation decisions that changed what the public sees (DECISION_CHANGED_PUBLIC_STATE_SQL as of this
 * migration). Every event up to the store's last sync (its newest release's created_at, the sync's
 * clock) must have one; a later event is the periodic pass's, whose first window after a restart
 * starts 10 minutes before then (the events it follows by their time: a hearing without recorded
 * changes is not one of them, so its release is required whenever). An empty store lists no plan.
 * A plan left out is backfilled as before.
 */
export class SeedOcdsBackfilledPlans1797100000000 implements MigrationInterface {
  name = 'SeedOcdsBackfilledPlans1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(SEED_COMPLETE_PLANS);
  }

  public async down(): Promise<void> {
    // the rows say what is true either way (the plans' releases are complete): nothing to undo
  }
}

/** Each event's release as the sync keys it: a row missing from ocds_releases makes its plan incomplete. */
const released = (planId: string, eventKey: string) =>
  `EXISTS (SELECT 1 FROM ocds_releases o WHERE o.plan_id = ${planId} AND o.event_key = ${eventKey})`;

const MODERATION_KEY = `'moderation-' || d.remark_id || '-' || CASE d.action WHEN 'hide' THEN 'hidden' ELSE 'restored' END || '-'
  || to_char(d.created_at AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISSMS"Z"')`;

const CHANGED_PUBLIC_STATE = `(
  (d.action = 'hide' AND d.appeal_id IS NULL)
  OR (d.action = 'keep' AND (
    d.appeal_id IS NOT NULL
    OR (SELECT p.action FROM moderation_decisions p
         WHERE p.remark_id = d.remark_id AND (p.created_at, p.id) < (d.created_at, d.id)
         ORDER BY p.created_at DESC, p.id DESC LIMIT 1) = 'hide'
  ))
)`;

/** Events dated after this are left to the periodic pass (none in an empty store: every event is due). */
const due = (at: string) => `${at} <= (SELECT s.at FROM synced s)`;

export const SEED_COMPLETE_PLANS = `
WITH synced(at) AS (SELECT COALESCE(max(created_at), 'infinity') FROM ocds_releases),
incomplete(plan_id) AS (
  SELECT p.id FROM plans p WHERE ${due('p.published_at')} AND NOT ${released('p.id', `'published'`)}
  UNION SELECT p.id FROM plans p WHERE ${due('p.stage2_opens_at')} AND NOT ${released('p.id', `'stage2'`)}
  UNION SELECT h.plan_id FROM hearings h JOIN hearing_changes c ON c.hearing_id = h.id
         WHERE ${due('c.created_at')} AND NOT ${released('h.plan_id', `'hearing-' || c.sequence`)}
  UNION SELECT h.plan_id FROM hearings h
         WHERE NOT EXISTS (SELECT 1 FROM hearing_changes c WHERE c.hearing_id = h.id) AND NOT ${released('h.plan_id', `'hearing-' || h.sequence`)}
  UNION SELECT x.plan_id FROM protocols x WHERE ${due('x.published_at')} AND NOT ${released('x.plan_id', `'protocol-' || x.version`)}
  UNION SELECT x.plan_id FROM review_conclusions x WHERE ${due('x.closed_at')} AND NOT ${released('x.plan_id', `'conclusion'`)}
  UNION SELECT x.plan_id FROM notices x WHERE ${due('x.published_at')} AND NOT ${released('x.plan_id', `'notice-' || x.version`)}
  UNION SELECT x.plan_id FROM outcomes x WHERE ${due('x.published_at')} AND NOT ${released('x.plan_id', `'outcome-' || x.version`)}
  UNION SELECT r.plan_id FROM remarks r WHERE ${due('r.created_at')} AND NOT ${released('r.plan_id', `'remark-' || r.id`)}
  UNION SELECT r.plan_id FROM answers a JOIN remarks r ON r.id = a.remark_id
         WHERE ${due('a.published_at')} AND NOT ${released('r.plan_id', `'answer-' || a.id`)}
  UNION SELECT v.plan_id FROM answer_verdicts v WHERE ${due('v.created_at')} AND NOT ${released('v.plan_id', `'verdict-' || v.id`)}
  UNION SELECT d.plan_id FROM moderation_decisions d
         WHERE ${due('d.created_at')} AND ${CHANGED_PUBLIC_STATE} AND NOT ${released('d.plan_id', MODERATION_KEY)}
)
INSERT INTO ocds_backfilled_plans (plan_id, backfilled_at)
SELECT p.id, now() FROM plans p
 WHERE p.published_at IS NOT NULL AND (SELECT s.at FROM synced s) < 'infinity'
   AND NOT EXISTS (SELECT 1 FROM incomplete i WHERE i.plan_id = p.id)
ON CONFLICT (plan_id) DO NOTHING`;
