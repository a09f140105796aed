import { bootstrapData } from '../../src/bootstrap-data';
import { ON_READ_FRESH_MS, OcdsSyncService } from '../../src/open-data/ocds/ocds-sync.service';
import type { OcdsRelease, OcdsReleasePackage } from '../../src/open-data/ocds/ocds.types';
import { ENQUIRY_EXTENSION_URL, PAGINATION_EXTENSION_URL } from '../../src/open-data/ocds/ocds.types';
import { Plan } from '../../src/plans/plan.entity';
import { User } from '../../src/identity/user.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import { createUser } from '../support/factories';
import type { CreatedUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { authNow, createRemark } from '../reviews/fixtures';
import { ocdsValidator } from './ocds-validator';

const API = '/api/v1';
const PREFIX = 'ocds-tlqylu-sandbox';

/** The tag each kind of event must carry (api.md "Open data and integration"). */
function expectedTags(eventKey: string, noticeAt: string | null, date: string): string[] {
  const kind = eventKey.replace(/-.*$/, '');
  const afterNotice = noticeAt !== null && date >= noticeAt;
  switch (kind) {
    case 'published':
      return ['planning'];
    case 'hearing':
    case 'protocol':
    case 'conclusion':
      return ['planningUpdate'];
    case 'notice':
      return eventKey === 'notice-1' ? ['tender'] : ['tenderUpdate'];
    case 'stage2':
    case 'outcome':
      return ['tenderUpdate'];
    case 'remark':
    case 'answer':
    case 'verdict':
    case 'moderation':
      return [afterNotice ? 'tenderUpdate' : 'planningUpdate'];
    default:
      throw new Error(`unknown event ${eventKey}`);
  }
}

/**
 * OCDS releases of the demo's plans (issue 17 item 2): valid against the release package schema and
 * the release schema with the Enquiry extension, one ocid per plan, one release per event with its
 * tag, stored once (immutable, no duplicates under concurrent syncs), paged by `since` and cursor,
 * and hidden remarks' texts never served.
 */
describe('OCDS releases', () => {
  let t: TestApp;
  let sync: OcdsSyncService;
  const validator = ocdsValidator();
  let published: Plan[];
  let moderator: CreatedUser;
  let secondModerator: CreatedUser;
  let citizen: CreatedUser;
  let reporter: CreatedUser;

  const planPackage = async (planId: string) => (await t.http.get(`${API}/ocds/releases/${planId}`).expect(200)).body as OcdsReleasePackage;
  const storedCount = async (planId: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM ocds_releases WHERE plan_id = $1`, [planId]))[0].n);
  /** Every page of GET /ocds/releases from `first`, following links.next. */
  async function allPages(first: string): Promise<OcdsReleasePackage[]> {
    const pages: OcdsReleasePackage[] = [];
    let url: string | undefined = first;
    while (url) {
      const page = (await t.http.get(url.replace(t.config.publicUrl, '')).expect(200)).body as OcdsReleasePackage;
      pages.push(page);
      url = page.links?.next;
      if (pages.length > 500) throw new Error('links.next never ends');
    }
    return pages;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await bootstrapData(t.app, { ...t.config, adminEmail: null, adminPassword: null, demoData: true });
    sync = t.app.get(OcdsSyncService);
    published = (await t.db.getRepository(Plan).find()).filter((p) => p.publishedAt !== null);
    moderator = await createUser(t, 'moderator');
    citizen = await createUser(t, 'citizen', { consentAt: new Date() });
    secondModerator = await createUser(t, 'moderator');
    reporter = await createUser(t, 'citizen', { consentAt: new Date() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("validates every demo plan's release package against the OCDS schemas with the Enquiry extension, and the rules the schema cannot check", async () => {
    expect(published.length).toBeGreaterThanOrEqual(5);
    const allIds = new Set<string>();
    const seen = { tender: 0, enquiries: 0, hearing: 0, outcome: 0, conclusion: 0, answers: 0 };
    const citizens = (await t.db.getRepository(User).find()).filter((u) => u.role === 'citizen');
    for (const plan of published) {
      const pkg = await planPackage(plan.id);
      expect(validator.packageErrors(pkg)).toEqual([]);
      expect(pkg).toMatchObject({
        version: '1.1',
        uri: `${t.config.publicUrl}${API}/ocds/releases/${plan.id}`,
        extensions: [ENQUIRY_EXTENSION_URL, PAGINATION_EXTENSION_URL],
      });
      const ocid = `${PREFIX}-${plan.id}`;
      const releases = pkg.releases;
      expect(releases[0]).toMatchObject({ id: `${ocid}-published`, tag: ['planning'], date: plan.publishedAt!.toISOString() });
      const noticeAt = plan.noticePublishedAt?.toISOString() ?? null;
      for (const [i, release] of releases.entries()) {
        expect(release.ocid).toBe(ocid);
        expect(release.initiationType).toBe('tender');
        expect(release.id.startsWith(`${ocid}-`)).toBe(true);
        expect(allIds.has(release.id)).toBe(false);
        allIds.add(release.id);
        if (i > 0) expect(release.date >= releases[i - 1].date).toBe(true);
        expect(release.date <= t.clock.now().toISOString()).toBe(true);
        expect(release.tag).toEqual(expectedTags(release.id.slice(ocid.length + 1), noticeAt, release.date));
        for (const enquiry of release.tender?.enquiries ?? []) {
          expect(enquiry).not.toHaveProperty('author');
          if ('answer' in enquiry) seen.answers++;
        }
        if (release.tender?.enquiries) seen.enquiries++;
        if (release.tag[0] === 'tender') seen.tender++;
        if (release.id.endsWith('-conclusion')) seen.conclusion++;
        if (/-hearing-\d+$/.test(release.id)) seen.hearing++;
        if (/-outcome-\d+$/.test(release.id)) seen.outcome++;
      }
      // citizens' names and e-mail addresses stay out of the data
      const json = JSON.stringify(pkg);
      for (const c of citizens) {
        expect(json).not.toContain(c.email);
        expect(json).not.toContain(c.displayName);
      }
      // what the plan's procedure published is there: the notice as tender, the outcome as tender.status
      if (plan.noticePublishedAt) expect(releases.some((r) => r.id === `${ocid}-notice-1`)).toBe(true);
      if (plan.outcomePublishedAt) expect(releases.some((r) => r.id === `${ocid}-outcome-1`)).toBe(true);
    }
    // the demo reaches every kind of event
    for (const [kind, n] of Object.entries(seen)) expect(`${kind}: ${n > 0}`).toBe(`${kind}: true`);
  });

  it('the same releases make the same package: publishedDate is the newest release, the ETag holds and If-None-Match gets 304', async () => {
    const url = `${API}/ocds/releases/${published[0].id}`;
    const first = await t.http.get(url).expect(200);
    t.clock.set(new Date(t.clock.now().getTime() + 1000));
    const second = await t.http.get(url).expect(200);
    const dates = (first.body as OcdsReleasePackage).releases.map((r) => Date.parse(r.date));
    expect(first.body.publishedDate).toBe(new Date(Math.max(...dates)).toISOString());
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    await t.http.get(url).set('If-None-Match', first.headers.etag).expect(304);
    const page = `${API}/ocds/releases?limit=5`;
    const pageEtag = (await t.http.get(page).expect(200)).headers.etag;
    await t.http.get(page).set('If-None-Match', pageEtag).expect(304);
  });

  it('answers 404 NOT_FOUND for a draft, an unknown plan and a malformed id', async () => {
    const draft = (await t.db.getRepository(Plan).find()).find((p) => p.publishedAt === null);
    const ids = [...(draft ? [draft.id] : []), '00000000-0000-4000-8000-000000000000', 'not-a-plan'];
    for (const id of ids) expect((await t.http.get(`${API}/ocds/releases/${id}`).expect(404)).body.error.code).toBe('NOT_FOUND');
  });

  it('keeps stored releases as they were: a later event adds a release and changes none before it', async () => {
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    const before = await planPackage(plan.id);
    const storedBefore = await t.db.query(`SELECT release_id, body FROM ocds_releases WHERE plan_id = $1 ORDER BY seq`, [plan.id]);
    t.clock.advance(60_000);
    const remark = await createRemark(t, plan.id, citizen.user.id, {
      body: 'Почему доставка не включена в цену?',
      createdAt: t.clock.now(),
    });
    const after = await planPackage(plan.id);
    expect(after.releases.length).toBe(before.releases.length + 1);
    for (const release of before.releases) expect(after.releases.find((r) => r.id === release.id)).toEqual(release);
    const added = after.releases.find((r) => !before.releases.some((b) => b.id === r.id))!;
    expect(added).toMatchObject({
      id: `${PREFIX}-${plan.id}-remark-${remark.id}`,
      date: remark.createdAt.toISOString(),
      tender: { enquiries: [{ id: remark.id, description: 'Почему доставка не включена в цену?' }] },
    });
    const storedAfter = await t.db.query(`SELECT release_id, body FROM ocds_releases WHERE plan_id = $1 ORDER BY seq`, [plan.id]);
    expect(storedAfter.slice(0, storedBefore.length)).toEqual(storedBefore);
    // reading again stores nothing more
    await planPackage(plan.id);
    expect(await storedCount(plan.id)).toBe(storedAfter.length);
  });

  it('stores each event once when several syncs run at once (periodic on two instances and on demand)', async () => {
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    t.clock.advance(60_000);
    for (let i = 0; i < 5; i++) await createRemark(t, plan.id, citizen.user.id, { body: `Замечание номер ${i}`, createdAt: t.clock.now() });
    const before = await storedCount(plan.id);
    const stored = await Promise.all([
      sync.syncPlan(plan.id),
      sync.syncPlan(plan.id),
      sync.syncAll(),
      t.http.get(`${API}/ocds/releases/${plan.id}`).then(() => 0),
    ]);
    expect(await storedCount(plan.id)).toBe(before + 5);
    expect(stored.reduce((a, b) => a + b, 0)).toBe(5);
    const duplicates = await t.db.query(`SELECT plan_id, event_key FROM ocds_releases GROUP BY plan_id, event_key HAVING count(*) > 1`);
    expect(duplicates).toEqual([]);
  });

  it('pages every stored release by cursor (links.next), and `since` gives only those stored since', async () => {
    await sync.syncAll();
    const all = (await t.db.query(`SELECT release_id FROM ocds_releases ORDER BY seq`)).map((r: { release_id: string }) => r.release_id);
    const pages = await allPages(`${API}/ocds/releases?limit=7`);
    for (const page of pages) {
      expect(validator.packageErrors(page)).toEqual([]);
      expect(page.releases.length).toBeLessThanOrEqual(7);
    }
    expect(pages.flatMap((p) => p.releases.map((r) => r.id))).toEqual(all);
    expect(pages[pages.length - 1].links).toBeUndefined();

    t.clock.advance(3_600_000);
    const since = t.clock.now().toISOString();
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    const remarks: Remark[] = [];
    for (let i = 0; i < 3; i++)
      remarks.push(await createRemark(t, plan.id, citizen.user.id, { body: `Новое замечание ${i}`, createdAt: t.clock.now() }));
    expect(await sync.syncAll()).toBe(3);
    const newer = await allPages(`${API}/ocds/releases?since=${encodeURIComponent(since)}&limit=2`);
    expect(newer.flatMap((p) => p.releases.map((r) => r.id)).sort()).toEqual(
      remarks.map((r) => `${PREFIX}-${plan.id}-remark-${r.id}`).sort(),
    );
    expect(newer[0].links?.next).toContain(`since=${encodeURIComponent(since)}`);

    for (const bad of ['cursor=abc', 'since=yesterday', 'limit=0', 'limit=501'])
      expect((await t.http.get(`${API}/ocds/releases?${bad}`).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it("a moderator's decision makes a new release, and a hidden remark's text is served in no release, though stored before", async () => {
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    t.clock.advance(60_000);
    const secret = 'MARKER-7f3a: оскорбительный текст';
    const remark = await createRemark(t, plan.id, citizen.user.id, { body: secret, createdAt: t.clock.now() });
    expect(JSON.stringify(await planPackage(plan.id))).toContain(secret);
    await sync.syncAll();

    t.clock.advance(60_000);
    await t.http
      .post(`${API}/remarks/${remark.id}/moderation`)
      .set(authNow(t, moderator))
      .send({ action: 'hide', reason: 'insult', note: 'A personal attack on another participant.' })
      .expect(200);
    const pkg = await planPackage(plan.id);
    const decision = pkg.releases.find(
      (r) => r.id.startsWith(`${PREFIX}-${plan.id}-moderation-`) && r.tender?.enquiries?.[0]?.id === remark.id,
    )!;
    expect(decision).toMatchObject({ tag: ['planningUpdate'], tender: { enquiries: [{ id: remark.id, description: null }] } });
    const remarkRelease = pkg.releases.find((r) => r.id === `${PREFIX}-${plan.id}-remark-${remark.id}`) as OcdsRelease;
    expect(remarkRelease.tender!.enquiries).toEqual([{ id: remark.id, date: remark.createdAt.toISOString(), description: null }]);
    expect(validator.packageErrors(pkg)).toEqual([]);

    // stored as it was (immutable), served redacted everywhere
    const [stored] = await t.db.query(`SELECT body FROM ocds_releases WHERE release_id = $1`, [remarkRelease.id]);
    expect(JSON.stringify(stored.body)).toContain(secret);
    expect(JSON.stringify(pkg)).not.toContain('MARKER-7f3a');
    await sync.syncAll();
    for (const page of await allPages(`${API}/ocds/releases?limit=50`)) expect(JSON.stringify(page)).not.toContain('MARKER-7f3a');
  });

  /** The ids of the served releases that speak of a remark (its enquiry). */
  const releasesAbout = (pkg: OcdsReleasePackage, remarkId: string) =>
    pkg.releases.filter((r) => r.tender?.enquiries?.some((e) => e.id === remarkId)).map((r) => r.id);
  const decide = (who: CreatedUser, remarkId: string, body: Record<string, unknown>) =>
    t.http.post(`${API}/remarks/${remarkId}/moderation`).set(authNow(t, who)).send(body).expect(200);

  it("a report and a moderator's keep on a visible remark make no release: nothing served tells it was reviewed", async () => {
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    t.clock.advance(60_000);
    const remark = await createRemark(t, plan.id, citizen.user.id, {
      body: 'Почему срок поставки такой короткий?',
      createdAt: t.clock.now(),
    });
    const before = await planPackage(plan.id);
    expect(releasesAbout(before, remark.id)).toEqual([`${PREFIX}-${plan.id}-remark-${remark.id}`]);
    const storedBefore = await storedCount(plan.id);

    t.clock.advance(60_000);
    await t.http.post(`${API}/remarks/${remark.id}/reports`).set(authNow(t, reporter)).send({ reason: 'spam' }).expect(201);
    t.clock.advance(60_000);
    await decide(moderator, remark.id, { action: 'keep', note: 'Not spam: a question about the terms.' });
    const [decision] = await t.db.query(`SELECT id FROM moderation_decisions WHERE remark_id = $1`, [remark.id]);
    expect(decision).toBeDefined();

    t.clock.advance(60_000);
    const after = await planPackage(plan.id);
    await sync.syncAll();
    expect(await storedCount(plan.id)).toBe(storedBefore);
    expect(releasesAbout(after, remark.id)).toEqual([`${PREFIX}-${plan.id}-remark-${remark.id}`]);
    expect(after.releases.map((r) => r.id)).toEqual(before.releases.map((r) => r.id));
    for (const page of [after, ...(await allPages(`${API}/ocds/releases?limit=500`))]) {
      expect(JSON.stringify(page)).not.toContain(decision.id);
      expect(page.releases.filter((r) => r.id.includes(`moderation-${remark.id}`))).toEqual([]);
    }
  });

  it('a hide and a restore (on appeal, or by a later decision) make one release each, keyed by the remark and the time; an upheld hide makes none', async () => {
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    t.clock.advance(60_000);
    const body = 'Техническое задание требует одного производителя.';
    const remark = await createRemark(t, plan.id, citizen.user.id, { body, createdAt: t.clock.now() });
    await planPackage(plan.id);
    const key = (change: string) =>
      `${PREFIX}-${plan.id}-moderation-${remark.id}-${change}-${t.clock.now().toISOString().replace(/[-:.]/g, '')}`;
    const expected: string[] = [`${PREFIX}-${plan.id}-remark-${remark.id}`];

    t.clock.advance(60_000);
    await decide(moderator, remark.id, { action: 'hide', reason: 'off_topic', note: 'Not about this plan.' });
    expected.push(key('hidden'));
    t.clock.advance(60_000);
    await t.http.post(`${API}/remarks/${remark.id}/appeal`).set(authNow(t, citizen)).send({ text: 'It is about this plan.' }).expect(201);
    t.clock.advance(60_000);
    await decide(secondModerator, remark.id, { action: 'keep', note: 'On topic after all.' });
    expected.push(key('restored'));
    t.clock.advance(60_000);
    await decide(secondModerator, remark.id, { action: 'hide', reason: 'insult', note: 'A personal attack.' });
    expected.push(key('hidden'));
    t.clock.advance(60_000);
    await t.http.post(`${API}/remarks/${remark.id}/appeal`).set(authNow(t, citizen)).send({ text: 'No attack.' }).expect(201);
    t.clock.advance(60_000);
    // the appeal refused: the remark stays hidden, nothing public changes
    await decide(moderator, remark.id, { action: 'hide', reason: 'insult', note: 'The attack is there.' });
    t.clock.advance(60_000);
    // restored by a later decision on no appeal (the previous decision hid it)
    await decide(moderator, remark.id, { action: 'keep', note: 'Reconsidered.' });
    expected.push(key('restored'));

    t.clock.advance(60_000);
    const pkg = await planPackage(plan.id);
    await sync.syncAll();
    expect(releasesAbout(pkg, remark.id)).toEqual(expected);
    const byId = new Map(pkg.releases.map((r) => [r.id, r]));
    expect(byId.get(expected[1])!.tender!.enquiries).toEqual([{ id: remark.id, description: body }]);
    expect(byId.get(expected[2])!.tender!.enquiries).toEqual([{ id: remark.id, description: body }]);
    expect(validator.packageErrors(pkg)).toEqual([]);
    const decisions = await t.db.query(`SELECT id FROM moderation_decisions WHERE remark_id = $1`, [remark.id]);
    expect(decisions).toHaveLength(5);
    for (const d of decisions as { id: string }[]) expect(JSON.stringify(pkg)).not.toContain(d.id);
  });

  it('a read does not wait for another sync of the plan: while its lock is held, reads answer at once with what is stored', async () => {
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    t.clock.advance(60_000);
    const stored = await planPackage(plan.id);
    t.clock.advance(60_000);
    const remark = await createRemark(t, plan.id, citizen.user.id, { body: 'Замечание во время синхронизации', createdAt: t.clock.now() });
    const holder = t.db.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query(`SELECT pg_advisory_xact_lock(hashtext('ocds:' || $1::text))`, [plan.id]);
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('reads queued behind the held lock')), 5_000);
      });
      const reads = await Promise.race([Promise.all(Array.from({ length: 20 }, () => planPackage(plan.id))), timeout]).finally(() =>
        clearTimeout(timer),
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      for (const pkg of reads) expect(pkg.releases.map((r) => r.id)).toEqual(stored.releases.map((r) => r.id));
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    // the lock released, the next read syncs (a skipped sync is not remembered as done)
    expect(releasesAbout(await planPackage(plan.id), remark.id)).toEqual([`${PREFIX}-${plan.id}-remark-${remark.id}`]);
  });

  it(`a plan synced on read in the last ${ON_READ_FRESH_MS} ms is served as stored; later reads sync again; the periodic sync is never skipped`, async () => {
    const plan = published.find((p) => p.stage1ClosesAt && p.stage1ClosesAt > t.clock.now())!;
    t.clock.advance(60_000);
    const first = await planPackage(plan.id);
    t.clock.advance(1_000);
    const remark = await createRemark(t, plan.id, citizen.user.id, { body: 'Замечание сразу после чтения', createdAt: t.clock.now() });
    expect((await planPackage(plan.id)).releases.map((r) => r.id)).toEqual(first.releases.map((r) => r.id));
    t.clock.advance(ON_READ_FRESH_MS);
    expect(releasesAbout(await planPackage(plan.id), remark.id)).toEqual([`${PREFIX}-${plan.id}-remark-${remark.id}`]);

    // the periodic sync is not skipped by the memo
    t.clock.advance(1_000);
    const next = await createRemark(t, plan.id, citizen.user.id, { body: 'Ещё одно замечание', createdAt: t.clock.now() });
    expect(await sync.syncPlan(plan.id)).toBe(1);
    expect(releasesAbout(await planPackage(plan.id), next.id)).toEqual([`${PREFIX}-${plan.id}-remark-${next.id}`]);
  });
});
