import type { DataSource } from 'typeorm';
import { RateLimiter } from '../../src/identity/rate-limiter';
import type { World } from '../reviews/fixtures';
import { createWorld } from '../reviews/fixtures';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

export type SignedInRole =
  'unverified' | 'citizen' | 'otherOrganizer' | 'otherCouncil' | 'organizer' | 'member' | 'chair' | 'moderator' | 'admin';

/**
 * The application with one of every kind of user: a council (chair and two members) overseeing an
 * organization with its organizer, another organization under another council, citizens with and
 * without a verified e-mail, a moderator (no organization, no council) and an administrator. Rate limits are lifted for the many requests.
 */
export async function startWithRoles(now: string): Promise<{ t: TestApp; w: World; users: Record<SignedInRole, CreatedUser> }> {
  const t = await startTestApp({ now });
  t.app.get(RateLimiter).configure({ perIp: 1e9, perEmail: 1e9 });
  const w = await createWorld(t, 3);
  const other = await createWorld(t, 1);
  const users: Record<SignedInRole, CreatedUser> = {
    unverified: await createUser(t, 'citizen', { emailVerifiedAt: null }),
    citizen: await createUser(t, 'citizen'),
    otherOrganizer: other.organizer,
    otherCouncil: other.chair,
    organizer: w.organizer,
    member: w.members[1],
    chair: w.chair,
    moderator: await createUser(t, 'moderator'),
    admin: await createUser(t, 'admin'),
  };
  return { t, w, users };
}

/**
 * A cheap fingerprint of all data: per table the row count and the newest row version (xmin). Any
 * committed insert or update makes a row whose xmin is the newest transaction id, and a delete lowers
 * the count; row locks do not touch xmin. Equal fingerprints before and after: nothing was written.
 * The rate limits' counters are left out: refused attempts are counted there on purpose. So are the
 * OCDS releases and the backfilled plans: a read of a plan's package stores the releases of its events
 * so far, and records the plan as backfilled (open-data/ocds).
 */
export async function databaseFingerprint(db: DataSource): Promise<() => Promise<string>> {
  const tables: { tablename: string }[] = await db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'rate_limit_counters', 'ocds_releases', 'ocds_backfilled_plans') ORDER BY tablename`,
  );
  const sql = tables
    .map(
      ({ tablename }) =>
        `SELECT '${tablename}' AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS h FROM "${tablename}"`,
    )
    .join(' UNION ALL ');
  return async () => JSON.stringify(await db.query(sql));
}
