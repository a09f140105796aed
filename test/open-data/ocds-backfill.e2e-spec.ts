import { SeedOcdsBackfilledPlans1797100000000 } from '../../migrations/1797100000000-SeedOcdsBackfilledPlans';
import { bootstrapData } from '../../src/bootstrap-data';
import { texts } from '../../src/common/i18n/catalogue';
import { ON_READ_FRESH_MS, OcdsSyncService, RELEASES_PER_PLAN_SYNC } from '../../src/open-data/ocds/ocds-sync.service';
import { OcdsRepository } from '../../src/open-data/ocds/ocds.repository';
import { OCDS_PLAN_PAGE_MAX } from '../../src/open-data/ocds/ocds.service';
import type { OcdsReleasePackage } from '../../src/open-data/ocds/ocds.types';
import { PAGINATION_EXTENSION_URL } from '../../src/open-data/ocds/ocds.types';
import { Plan } from '../../src/plans/plan.entity';
import { createUser } from '../support/factories';
import type { CreatedUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { createRemark } from '../reviews/fixtures';
import { ocdsValidator } from './ocds-validator';

const API = '/api/v1';
/** Remarks of the long plan: more than one sync of a plan releases. */
const LONG_PLAN_REMARKS = RELEASES_PER_PLAN_SYNC + 500;
/** The backfill's budget per pass in this test. */
const BUDGET = 1_000;
/** The procedure releases one plan adds beyond the budget at most (publication, hearing, protocol, notice, ...). */
const PROCEDURE_SLACK = 20;

/**
 * Open data on a database that was never synced (an upgrade of a full-size database): the periodic
 * sync backfills a bounded number of releases per pass and then follows every plan by its events, and
 * a plan's package comes a page at a time with links.next (issue 18, D).
 */
describe('OCDS: bounded backfill and paged plan packages', () => {
  let t: TestApp;
  let sync: OcdsSyncService;
  let citizen: CreatedUser;
  let longPlan: Plan;
  let published: Plan[];
  const validator = ocdsValidator();

  const storedCount = async (planId?: string) =>
    Number(
      (await t.db.query(`SELECT count(*)::int AS n FROM ocds_releases WHERE $1::uuid IS NULL OR plan_id = $1`, [planId ?? null]))[0].n,
    );
  const backfilled = async () => (await t.db.query(`SELECT plan_id FROM ocds_backfilled_plans`)).map((r: { plan_id: string }) => r.plan_id);
  /** Every page of a plan's package, following links.next. */
  async function planPages(planId: string, limit?: number): Promise<OcdsReleasePackage[]> {
    const pages: OcdsReleasePackage[] = [];
    let url: string | undefined = `${API}/ocds/releases/${planId}${limit ? `?limit=${limit}` : ''}`;
    while (url) {
      const page = (await t.http.get(url.replace(t.config.publicUrl, '')).expect(200)).body as OcdsReleasePackage;
      pages.push(page);
      url = page.links?.next;
      if (pages.length > 100) throw new Error('links.next never ends');
    }
    return pages;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await bootstrapData(t.app, { ...t.config, adminEmail: null, adminPassword: null, demoData: true });
    sync = t.app.get(OcdsSyncService);
    citizen = await createUser(t, 'citizen', { consentAt: new Date() });
    published = (await t.db.getRepository(Plan).find()).filter((p) => p.publishedAt !== null);
    longPlan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    // a long history: remarks one a second from the publication on
    await t.db.query(
      `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at)
       SELECT $1, 1, $2, 'Замечание к плану № ' || g, 'ru', $3::timestamptz + g * interval '1 second', md5(g::text), $3::timestamptz + interval '30 days'
         FROM generate_series(1, $4) g`,
      [longPlan.id, citizen.user.id, longPlan.publishedAt, LONG_PLAN_REMARKS],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a never-synced database is backfilled at most the budget per pass, then every event has its release once', async () => {
    await t.db.query(`TRUNCATE ocds_releases, ocds_backfilled_plans`);
    const passes: number[] = [];
    for (let stored = -1; stored !== 0;) {
      t.clock.advance(60_000);
      stored = await sync.syncAll(BUDGET);
      passes.push(stored);
      if (passes.length > 50) throw new Error('the backfill never ends');
    }
    // bounded: no pass stored more than the budget (and a plan's few procedure releases)
    for (const stored of passes) expect(stored).toBeLessThanOrEqual(BUDGET + PROCEDURE_SLACK);
    expect(passes.filter((n) => n >= BUDGET).length).toBeGreaterThanOrEqual(Math.floor(LONG_PLAN_REMARKS / BUDGET));
    // complete: every published plan backfilled, each of the long plan's remarks released once
    expect((await backfilled()).sort()).toEqual(published.map((p) => p.id).sort());
    const remarkReleases = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT event_key)::int AS keys FROM ocds_releases WHERE plan_id = $1 AND event_key LIKE 'remark-%'`,
      [longPlan.id],
    );
    const remarks = await t.db.query(`SELECT count(*)::int AS n FROM remarks WHERE plan_id = $1`, [longPlan.id]);
    expect(remarkReleases[0]).toEqual({ n: remarks[0].n, keys: remarks[0].n });

    // then each pass follows the plans by their events: a new remark makes one release
    t.clock.advance(60_000);
    await createRemark(t, longPlan.id, citizen.user.id, { body: 'Замечание после заполнения', createdAt: t.clock.now() });
    t.clock.advance(1_000);
    expect(await sync.syncAll(BUDGET)).toBe(1);
  });

  it('the upgrade lists the plans whose releases are complete already: the backfill walks only the others', async () => {
    // as before the upgrade: every event released, no plan listed
    do t.clock.advance(60_000);
    while ((await sync.syncAll(100_000, 1_000)) > 0);
    await t.db.query(`TRUNCATE ocds_backfilled_plans`);
    const withRelease = async (eventKey: string, besides: string[]) =>
      (
        await t.db.query<{ plan_id: string }[]>(
          `SELECT DISTINCT plan_id FROM ocds_releases WHERE event_key LIKE $1 AND plan_id <> ALL($2::uuid[]) LIMIT 1`,
          [eventKey, besides],
        )
      )[0].plan_id;
    // complete, with a hidden remark's release (its key as the sync writes it)
    const moderated = await withRelease('moderation-%', []);
    const withoutProtocol = await withRelease('protocol-%', [moderated]);
    const missedEnquiry = await withRelease('remark-%', [moderated, withoutProtocol]);
    const rest = published.map((p) => p.id).filter((id) => ![moderated, withoutProtocol, missedEnquiry].includes(id));
    const [neverSynced, quiet] = rest;
    // three plans left incomplete: an event about a remark and a protocol missed (a release deleted), a plan never synced
    const [[missedEvent]] = await t.db.query<[{ event_key: string }[], number]>(
      `DELETE FROM ocds_releases WHERE seq = (
         SELECT seq FROM ocds_releases WHERE plan_id = $1 AND split_part(event_key, '-', 1) IN ('remark', 'answer', 'verdict', 'moderation')
          ORDER BY date DESC, seq DESC LIMIT 1)
       RETURNING event_key`,
      [missedEnquiry],
    );
    await t.db.query(`DELETE FROM ocds_releases WHERE plan_id = $1 AND event_key LIKE 'protocol-%'`, [withoutProtocol]);
    await t.db.query(`DELETE FROM ocds_releases WHERE plan_id = $1`, [neverSynced]);
    // an event after the store's last sync is the periodic pass's: its plan is complete
    const [{ at: lastSync }] = await t.db.query<{ at: Date }[]>(`SELECT max(created_at) AS at FROM ocds_releases`);
    t.clock.advance(60_000);
    const late = await createRemark(t, quiet, citizen.user.id, { body: 'Замечание после синхронизации', createdAt: t.clock.now() });
    expect(late.createdAt.getTime()).toBeGreaterThan(lastSync.getTime());

    const runner = t.db.createQueryRunner();
    try {
      await new SeedOcdsBackfilledPlans1797100000000().up(runner);
    } finally {
      await runner.release();
    }
    const incomplete = [missedEnquiry, withoutProtocol, neverSynced];
    expect((await backfilled()).sort()).toEqual(
      published
        .map((p) => p.id)
        .filter((id) => !incomplete.includes(id))
        .sort(),
    );
    expect(await backfilled()).toEqual(expect.arrayContaining([moderated, quiet]));

    // the next passes walk the three plans only, and follow the late remark by its time
    const walked: string[] = [];
    const repository = t.app.get(OcdsRepository);
    const plansToBackfill = repository.plansToBackfill.bind(repository);
    const spy = jest.spyOn(repository, 'plansToBackfill').mockImplementation(async (...args) => {
      const plans = await plansToBackfill(...args);
      walked.push(...plans.map((p) => p.id));
      return plans;
    });
    try {
      t.clock.advance(1_000);
      while ((await sync.syncAll()) > 0) t.clock.advance(60_000);
    } finally {
      spy.mockRestore();
    }
    expect([...new Set(walked)].sort()).toEqual([...incomplete].sort());
    expect((await backfilled()).sort()).toEqual(published.map((p) => p.id).sort());
    const released = async (planId: string, eventKey: string) =>
      (await t.db.query(`SELECT 1 FROM ocds_releases WHERE plan_id = $1 AND event_key = $2`, [planId, eventKey])).length;
    expect(await released(missedEnquiry, missedEvent.event_key)).toBe(1);
    expect(await released(withoutProtocol, 'protocol-1')).toBe(1);
    expect(await released(quiet, `remark-${late.id}`)).toBe(1);
  });

  it('the migration lists no plan of a store never synced', async () => {
    await t.db.query(`TRUNCATE ocds_releases, ocds_backfilled_plans`);
    const runner = t.db.createQueryRunner();
    try {
      await new SeedOcdsBackfilledPlans1797100000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await backfilled()).toEqual([]);
  });

  it('a pass visits at most its budget of plans, however few releases they hold', async () => {
    await t.db.query(`TRUNCATE ocds_releases, ocds_backfilled_plans`);
    const syncedPlans = async () => Number((await t.db.query(`SELECT count(DISTINCT plan_id)::int AS n FROM ocds_releases`))[0].n);
    const passes: number[] = [];
    for (let stored = -1; stored !== 0;) {
      t.clock.advance(60_000);
      stored = await sync.syncAll(100_000, 2);
      passes.push(await syncedPlans());
      if (passes.length > 50) throw new Error('the backfill never ends');
    }
    // each pass adds at most two plans (the long plan takes two passes: 2,000 events per plan and pass)
    for (const [i, plans] of passes.entries()) expect(plans - (passes[i - 1] ?? 0)).toBeLessThanOrEqual(2);
    expect(passes.length).toBeGreaterThanOrEqual(Math.ceil(published.length / 2));
    expect((await backfilled()).sort()).toEqual(published.map((p) => p.id).sort());
  });

  it('one instance backfills at a time: while another holds the backfill, a pass skips it', async () => {
    await t.db.query(`TRUNCATE ocds_releases, ocds_backfilled_plans`);
    // another instance's backfill: its session holds the lock
    const other = t.db.createQueryRunner();
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('ocds:backfill'), 0)`);
      t.clock.advance(60_000);
      expect(await sync.syncAll()).toBe(0);
      expect(await storedCount()).toBe(0);
      await other.query(`SELECT pg_advisory_unlock(hashtext('ocds:backfill'), 0)`);
    } finally {
      await other.release();
    }
    // a pass that starts while this instance's backfill runs skips it, and the lock is free after
    const repository = t.app.get(OcdsRepository);
    const plansToBackfill = repository.plansToBackfill.bind(repository);
    let during: number | null = null;
    const spy = jest.spyOn(repository, 'plansToBackfill').mockImplementation(async (...args) => {
      during ??= await sync.syncAll();
      return plansToBackfill(...args);
    });
    try {
      t.clock.advance(60_000);
      expect(await sync.syncAll()).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
    expect(during).toBe(0);
    const after = t.db.createQueryRunner();
    try {
      expect((await after.query(`SELECT pg_try_advisory_lock(hashtext('ocds:backfill'), 0) AS locked`))[0].locked).toBe(true);
      await after.query(`SELECT pg_advisory_unlock(hashtext('ocds:backfill'), 0)`);
    } finally {
      await after.release();
    }
  });

  it(`a read of a plan never synced releases at most ${RELEASES_PER_PLAN_SYNC} of its events; the backfill or the next read releases the rest`, async () => {
    await t.db.query(`DELETE FROM ocds_releases WHERE plan_id = $1`, [longPlan.id]);
    await t.db.query(`DELETE FROM ocds_backfilled_plans WHERE plan_id = $1`, [longPlan.id]);
    t.clock.advance(60_000);
    const first = await planPages(longPlan.id);
    const afterRead = await storedCount(longPlan.id);
    expect(afterRead).toBeGreaterThan(RELEASES_PER_PLAN_SYNC);
    expect(afterRead).toBeLessThanOrEqual(RELEASES_PER_PLAN_SYNC + PROCEDURE_SLACK);
    expect(first.flatMap((p) => p.releases).length).toBe(afterRead);
    expect(await backfilled()).not.toContain(longPlan.id);
    t.clock.advance(ON_READ_FRESH_MS);
    await planPages(longPlan.id);
    expect(await backfilled()).toContain(longPlan.id);
    const remarks = await t.db.query(`SELECT count(*)::int AS n FROM remarks WHERE plan_id = $1`, [longPlan.id]);
    expect(
      Number(
        (await t.db.query(`SELECT count(*) AS n FROM ocds_releases WHERE plan_id = $1 AND event_key LIKE 'remark-%'`, [longPlan.id]))[0].n,
      ),
    ).toBe(remarks[0].n);
  });

  it(`pages a plan's package by links.next (${OCDS_PLAN_PAGE_MAX} releases a page at most): every release once, in date order, each page a valid package`, async () => {
    const total = await storedCount(longPlan.id);
    expect(total).toBeGreaterThan(OCDS_PLAN_PAGE_MAX);
    const whole = await planPages(longPlan.id);
    expect(whole.map((p) => p.releases.length)).toEqual(
      Array.from({ length: Math.ceil(total / OCDS_PLAN_PAGE_MAX) }, (_, i) => Math.min(OCDS_PLAN_PAGE_MAX, total - i * OCDS_PLAN_PAGE_MAX)),
    );
    const small = await planPages(longPlan.id, 700);
    const ids = small.flatMap((p) => p.releases.map((r) => r.id));
    expect(ids).toEqual(whole.flatMap((p) => p.releases.map((r) => r.id)));
    expect(new Set(ids).size).toBe(total);
    const dates = small.flatMap((p) => p.releases.map((r) => Date.parse(r.date)));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    for (const page of small) {
      expect(validator.packageErrors(page)).toEqual([]);
      expect(page.extensions).toContain(PAGINATION_EXTENSION_URL);
      expect(page.releases.length).toBeLessThanOrEqual(700);
    }
    expect(small[0].links?.next).toBe(
      `${t.config.publicUrl}${API}/ocds/releases/${longPlan.id}?cursor=${new URL(small[0].links!.next!).searchParams.get('cursor')}&limit=700`,
    );
    expect(small[small.length - 1].links).toBeUndefined();
    for (const bad of ['cursor=abc', 'limit=0', `limit=${OCDS_PLAN_PAGE_MAX + 1}`])
      expect((await t.http.get(`${API}/ocds/releases/${longPlan.id}?${bad}`).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it("refuses a cursor of another plan's pages, or of no release, as a malformed one: 400 VALIDATION_FAILED in the reader's language", async () => {
    const other = published.find((p) => p.id !== longPlan.id)!;
    await planPages(other.id);
    const [{ seq: otherSeq }] = await t.db.query(`SELECT seq::text AS seq FROM ocds_releases WHERE plan_id = $1 LIMIT 1`, [other.id]);
    const [{ seq: lastSeq }] = await t.db.query(`SELECT max(seq)::text AS seq FROM ocds_releases`);
    const cursor = (seq: string) => Buffer.from(JSON.stringify({ seq })).toString('base64url');
    const foreign = `${API}/ocds/releases/${longPlan.id}?cursor=${cursor(otherSeq)}&limit=10`;
    for (const locale of ['kk', 'ru', 'en'] as const) {
      const refused = await t.http.get(foreign).set('Accept-Language', locale).expect(400);
      expect(refused.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: texts(locale).errors.codes.VALIDATION_FAILED.replace('{details}', `cursor ${texts(locale).plans.badCursor}`),
      });
    }
    const unknown = `${API}/ocds/releases/${longPlan.id}?cursor=${cursor(String(BigInt(lastSeq) + 1000n))}`;
    expect((await t.http.get(unknown).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    // the plan's own last release: an empty page, not a refusal
    const [{ seq: ownLast }] = await t.db.query(
      `SELECT seq::text AS seq FROM ocds_releases WHERE plan_id = $1 ORDER BY date DESC, seq DESC LIMIT 1`,
      [longPlan.id],
    );
    const end = (await t.http.get(`${API}/ocds/releases/${longPlan.id}?cursor=${cursor(ownLast)}`).expect(200)).body as OcdsReleasePackage;
    expect(end.releases).toEqual([]);
  });
});
