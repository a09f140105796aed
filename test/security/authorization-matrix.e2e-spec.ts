import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 as tokenHash } from '../../src/identity/auth.service';
import { TokenService } from '../../src/identity/auth/token.service';
import { UserToken } from '../../src/identity/user-token.entity';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark } from '../reviews/fixtures';
import type { CreatedUser } from '../support/factories';
import { createUser, makeBin, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import type { SignedInRole } from './roles';
import { databaseFingerprint, startWithRoles } from './roles';

/**
 * Who may do what: every write endpoint against every kind of user. Each cell gets a fresh plan (or
 * remark, recommendation, override...) in the state in which the endpoint would succeed, so that a
 * refusal is about the role and nothing else; a refused cell must also leave the database unchanged.
 * The table below is the specification; the run writes what it saw to
 * test-artifacts/authorization-matrix.md.
 */
const API = '/api/v1';
const NOW = '2027-03-10T10:00:00+05:00'; // Wednesday

const ROLES = ['anon', 'unverified', 'citizen', 'otherOrganizer', 'otherCouncil', 'organizer', 'member', 'chair', 'admin'] as const;
type Role = (typeof ROLES)[number];
const ROLE_TITLES: Record<Role, string> = {
  anon: 'anonymous',
  unverified: 'unverified citizen',
  citizen: 'verified citizen',
  otherOrganizer: 'organizer of another organization',
  otherCouncil: 'member of another council',
  organizer: "the plan's organizer",
  member: 'member of the overseeing council',
  chair: 'its chair',
  admin: 'admin',
};

// Expected answers: a success status, or "status CODE" of the refusal.
const A = '401 UNAUTHENTICATED';
const F = '403 FORBIDDEN';
const N = '403 NOT_COUNCIL_MEMBER';
const CHAIR = '403 NOT_CHAIR';
const UNVERIFIED = '403 EMAIL_NOT_VERIFIED';
const HIDDEN = '404 PLAN_NOT_FOUND'; // another organization's draft looks absent

type Cells = [string, string, string, string, string, string, string, string, string];
interface Setup {
  url: string;
  method: 'POST' | 'PUT' | 'DELETE';
  body?: Record<string, unknown>;
}

describe('authorization matrix: every role against every write endpoint', () => {
  let t: TestApp;
  let w: World;
  let users: Record<SignedInRole, CreatedUser>;
  const seen = new Map<string, Map<Role, { got: string; ok: boolean }>>();
  let snapshot: () => Promise<string>;
  let calendarDay = 0;
  let serial = 0;

  const at = (iso: string) => t.clock.set(new Date(iso));
  const bearer = (u: CreatedUser) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` });
  /** A call made while setting a cell up, which must succeed. */
  const prepare = async (method: 'post' | 'put', url: string, who: CreatedUser, body: Record<string, unknown>) => {
    const res = await t.http[method](url).set(bearer(who)).send(body);
    if (res.status >= 300) throw new Error(`setup ${method.toUpperCase()} ${url} failed: ${res.status} ${res.text}`);
    return res.body;
  };

  // ------------------------------------------------------------ plans in each state (relative to NOW)
  const draftPlan = () =>
    createPlan(t, w, {
      publishedAt: null,
      stage1ClosesAt: null,
      stage1CloseDate: null,
      hearingDeadlineDate: null,
      stage1ClosedSweptAt: null,
    });
  const openPlan = () =>
    createPlan(t, w, {
      publishedAt: new Date('2027-03-01T10:00:00+05:00'),
      stage1ClosesAt: new Date('2027-03-22T23:59:59.999+05:00'),
      stage1CloseDate: '2027-03-22',
      hearingDeadlineDate: '2027-04-01',
      stage1ClosedSweptAt: null,
    });
  /** Stage 1 closed yesterday: a hearing may be scheduled from today to 19 March. */
  const awaitingHearing = () =>
    createPlan(t, w, {
      publishedAt: new Date('2027-02-17T10:00:00+05:00'),
      stage1ClosesAt: new Date('2027-03-09T23:59:59.999+05:00'),
      stage1CloseDate: '2027-03-09',
      hearingDeadlineDate: '2027-03-19',
    });
  const withScheduledHearing = async () => {
    const plan = await awaitingHearing();
    await prepare('put', `${API}/plans/${plan.id}/hearing`, w.organizer, { startsAt: '2027-03-11T10:00:00+05:00', room: 'Hall 1' });
    return plan;
  };
  /** The hearing took place on Friday 5 March; no protocol yet. */
  const withHeldHearing = async () => {
    const plan = await createPlan(t, w, {
      publishedAt: new Date('2027-02-10T10:00:00+05:00'),
      stage1ClosesAt: new Date('2027-03-02T23:59:59.999+05:00'),
      stage1CloseDate: '2027-03-02',
      hearingDeadlineDate: '2027-03-12',
    });
    at('2027-03-03T10:00:00+05:00');
    await prepare('put', `${API}/plans/${plan.id}/hearing`, w.organizer, { startsAt: '2027-03-05T10:00:00+05:00' });
    at(NOW);
    return plan;
  };
  const protocolBody = { attendeesCount: 10, speakers: ['A. Citizen'], summary: 'Discussed', decisions: ['Proceed'] };
  const withProtocolAfterHearing = async () => {
    const plan = await withHeldHearing();
    await prepare('post', `${API}/plans/${plan.id}/hearing/protocol`, w.organizer, protocolBody);
    return plan;
  };
  /** Protocol published on 8 March; the council review is open. */
  const underReview = () =>
    createPlan(t, w, {
      protocolPublishedAt: new Date('2027-03-08T12:00:00+05:00'),
      reviewClosesAt: new Date('2027-03-22T23:59:59.999+05:00'),
    });
  const recommendation = async () => {
    const plan = await underReview();
    const position = await prepare('post', `${API}/plans/${plan.id}/review/positions`, w.members[2], {
      position: 'endorse_with_recommendations',
      text: 'Yes, but',
      recommendations: ['Split into lots'],
    });
    return position.recommendations[0].id as string;
  };
  const notice = {
    noticeNumber: 'N-1',
    documents: [{ title: 'Specification', url: 'https://goszakup.example/spec.pdf', sha256: 'a'.repeat(64) }],
  };
  const withNotice = async () => {
    const plan = await underReview();
    await prepare('post', `${API}/plans/${plan.id}/notice`, w.organizer, notice);
    return plan;
  };
  /** Stage 2 closed on 8 March with nothing unanswered. */
  const stage2Closed = () =>
    createPlan(t, w, {
      protocolPublishedAt: new Date('2027-02-08T12:00:00+05:00'),
      reviewClosesAt: new Date('2027-02-22T23:59:59.999+05:00'),
      noticePublishedAt: new Date('2027-03-01T10:00:00+05:00'),
      stage2OpensAt: new Date('2027-03-01T10:00:00+05:00'),
      stage2ClosesAt: new Date('2027-03-08T23:59:59.999+05:00'),
    });
  const withOutcome = async () => {
    const plan = await stage2Closed();
    await prepare('post', `${API}/plans/${plan.id}/outcome`, w.organizer, { decision: 'proceed', summary: 'Proceeding' });
    return plan;
  };
  const remark = async () =>
    (
      await createRemark(t, (await openPlan()).id, users.citizen.user.id, {
        body: `Remark ${serial++}`,
        createdAt: new Date('2027-03-02T10:00:00+05:00'),
      })
    ).id;
  const userToken = async (purpose: 'verify_email' | 'password_reset') => {
    const user = await createUser(t, 'citizen', { emailVerifiedAt: purpose === 'verify_email' ? null : new Date() });
    const token = `matrix-${purpose}-${serial++}-${'x'.repeat(20)}`;
    await t.db
      .getRepository(UserToken)
      .save({ userId: user.user.id, purpose, tokenHash: tokenHash(token), expiresAt: new Date('2027-03-11T10:00:00+05:00'), usedAt: null });
    return token;
  };
  const freeDate = () => new Date(Date.UTC(2031, 0, 1 + calendarDay++)).toISOString().slice(0, 10);

  // ------------------------------------------------------------ the specification
  //                                                  anon unverified citizen  otherOrg otherCouncil organizer member  chair  admin
  const everyone = (ok: string): Cells => [ok, ok, ok, ok, ok, ok, ok, ok, ok];
  const signedIn = (ok: string): Cells => [A, ok, ok, ok, ok, ok, ok, ok, ok];
  const verified = (ok: string): Cells => [A, UNVERIFIED, ok, ok, ok, ok, ok, ok, ok];
  const planOrganizer = (ok: string): Cells => [A, F, F, F, F, ok, F, F, F];
  const adminOnly = (ok: string): Cells => [A, F, F, F, F, F, F, F, ok];

  const MATRIX: [string, Cells, () => Promise<Setup>][] = [
    // identity: anyone
    [
      'POST /auth/register',
      everyone('201'),
      async () => ({
        method: 'POST',
        url: `${API}/auth/register`,
        body: { email: `new-${serial++}@example.test`, password: PASSWORD, displayName: 'New', locale: 'en' },
      }),
    ],
    [
      'POST /auth/verify-email',
      everyone('200'),
      async () => ({ method: 'POST', url: `${API}/auth/verify-email`, body: { token: await userToken('verify_email') } }),
    ],
    ['POST /auth/verify-email/resend', signedIn('200'), async () => ({ method: 'POST', url: `${API}/auth/verify-email/resend` })],
    [
      'POST /auth/login',
      everyone('200'),
      async () => ({ method: 'POST', url: `${API}/auth/login`, body: { email: users.citizen.user.email, password: PASSWORD } }),
    ],
    ['POST /auth/logout', everyone('200'), async () => ({ method: 'POST', url: `${API}/auth/logout` })],
    // ends every session of the caller; the next cells sign new ones, issued after it
    ['POST /auth/logout-everywhere', signedIn('200'), async () => ({ method: 'POST', url: `${API}/auth/logout-everywhere` })],
    [
      'POST /auth/password-reset/request',
      everyone('200'),
      async () => ({ method: 'POST', url: `${API}/auth/password-reset/request`, body: { email: users.citizen.user.email } }),
    ],
    [
      'POST /auth/password-reset/confirm',
      everyone('200'),
      async () => ({
        method: 'POST',
        url: `${API}/auth/password-reset/confirm`,
        body: { token: await userToken('password_reset'), password: 'Another-horse-43' },
      }),
    ],
    ['PUT /sandbox/clock', everyone('200'), async () => ({ method: 'PUT', url: `${API}/sandbox/clock`, body: { now: NOW } })],
    // administration
    [
      'POST /admin/councils',
      adminOnly('201'),
      async () => ({ method: 'POST', url: `${API}/admin/councils`, body: { name: 'New council' } }),
    ],
    [
      'POST /admin/organizations',
      adminOnly('201'),
      async () => ({
        method: 'POST',
        url: `${API}/admin/organizations`,
        body: { name: 'New akimat', bin: makeBin(), address: 'Astana', timeZone: 'Asia/Almaty', councilId: w.council.id },
      }),
    ],
    [
      'POST /admin/users',
      adminOnly('201'),
      async () => ({
        method: 'POST',
        url: `${API}/admin/users`,
        body: {
          email: `staff-${serial++}@example.test`,
          password: PASSWORD,
          displayName: 'Staff',
          role: 'organizer',
          organizationId: w.organization.id,
        },
      }),
    ],
    [
      'PUT /admin/calendar/{date}',
      adminOnly('200'),
      async () => ({ method: 'PUT', url: `${API}/admin/calendar/${freeDate()}`, body: { working: false, reason: 'Transfer' } }),
    ],
    [
      'DELETE /admin/calendar/{date}',
      adminOnly('200'),
      async () => {
        const date = freeDate();
        await prepare('put', `${API}/admin/calendar/${date}`, users.admin, { working: false, reason: 'Transfer' });
        return { method: 'DELETE', url: `${API}/admin/calendar/${date}` };
      },
    ],
    // stage 1
    [
      'POST /plans',
      [A, F, F, '201', F, '201', F, F, F],
      async () => ({
        method: 'POST',
        url: `${API}/plans`,
        body: { title: 'Roof', description: 'Repair', subjectCode: '452112.000.000000', amount: 1000, method: 'auction' },
      }),
    ],
    [
      'POST /plans/{id}/publish',
      [A, F, F, HIDDEN, F, '200', F, F, F],
      async () => ({ method: 'POST', url: `${API}/plans/${(await draftPlan()).id}/publish` }),
    ],
    [
      'POST /plans/{id}/remarks',
      [A, UNVERIFIED, '201', F, F, F, F, F, F],
      async () => ({ method: 'POST', url: `${API}/plans/${(await openPlan()).id}/remarks`, body: { body: 'Too expensive' } }),
    ],
    [
      'POST /remarks/{id}/answer',
      planOrganizer('201'),
      async () => ({
        method: 'POST',
        url: `${API}/remarks/${await remark()}/answer`,
        body: { body: 'The estimate was recalculated.', disposition: 'accepted' },
      }),
    ],
    [
      'POST /remarks/{id}/answer/corrections',
      planOrganizer('201'),
      async () => {
        const plan = await openPlan();
        const r = await createRemark(t, plan.id, users.citizen.user.id, {
          body: `Remark ${serial++}`,
          createdAt: new Date('2027-03-02T10:00:00+05:00'),
        });
        await answerRemark(t, r, w.organizer.user.id, {
          body: 'First answer',
          disposition: 'rejected',
          publishedAt: new Date('2027-03-03T10:00:00+05:00'),
        });
        return {
          method: 'POST',
          url: `${API}/remarks/${r.id}/answer/corrections`,
          body: { body: 'The corrected answer, with reasons.', disposition: 'accepted', reason: 'Mistake' },
        };
      },
    ],
    ['POST /plans/{id}/follow', verified('200'), async () => ({ method: 'POST', url: `${API}/plans/${(await openPlan()).id}/follow` })],
    ['DELETE /plans/{id}/follow', signedIn('200'), async () => ({ method: 'DELETE', url: `${API}/plans/${(await openPlan()).id}/follow` })],
    // hearing
    [
      'PUT /plans/{id}/hearing',
      planOrganizer('200'),
      async () => ({
        method: 'PUT',
        url: `${API}/plans/${(await awaitingHearing()).id}/hearing`,
        body: { startsAt: '2027-03-11T10:00:00+05:00', room: 'Hall 2' },
      }),
    ],
    [
      'DELETE /plans/{id}/hearing',
      planOrganizer('200'),
      async () => ({
        method: 'DELETE',
        url: `${API}/plans/${(await withScheduledHearing()).id}/hearing`,
        body: { reason: 'The hall is flooded' },
      }),
    ],
    [
      'POST /plans/{id}/hearing/signup',
      verified('200'),
      async () => ({ method: 'POST', url: `${API}/plans/${(await withScheduledHearing()).id}/hearing/signup` }),
    ],
    [
      'DELETE /plans/{id}/hearing/signup',
      signedIn('200'),
      async () => ({ method: 'DELETE', url: `${API}/plans/${(await withScheduledHearing()).id}/hearing/signup` }),
    ],
    [
      'POST /plans/{id}/hearing/protocol',
      planOrganizer('201'),
      async () => ({ method: 'POST', url: `${API}/plans/${(await withHeldHearing()).id}/hearing/protocol`, body: protocolBody }),
    ],
    [
      'POST /plans/{id}/hearing/protocol/corrections',
      planOrganizer('201'),
      async () => ({
        method: 'POST',
        url: `${API}/plans/${(await withProtocolAfterHearing()).id}/hearing/protocol/corrections`,
        body: { ...protocolBody, attendeesCount: 11, reason: 'Miscounted' },
      }),
    ],
    // council review
    [
      'POST /plans/{id}/review/positions',
      [A, N, N, N, N, N, '201', '201', N],
      async () => ({
        method: 'POST',
        url: `${API}/plans/${(await underReview()).id}/review/positions`,
        body: { position: 'endorse', text: 'Endorsed' },
      }),
    ],
    [
      'POST /plans/{id}/review/close',
      [A, N, N, N, N, N, CHAIR, '200', N],
      async () => ({ method: 'POST', url: `${API}/plans/${(await underReview()).id}/review/close` }),
    ],
    [
      'POST /recommendations/{id}/response',
      planOrganizer('201'),
      async () => ({
        method: 'POST',
        url: `${API}/recommendations/${await recommendation()}/response`,
        body: { accepted: true, text: 'Two lots' },
      }),
    ],
    [
      'POST /recommendations/{id}/response/corrections',
      planOrganizer('201'),
      async () => {
        const id = await recommendation();
        await prepare('post', `${API}/recommendations/${id}/response`, w.organizer, { accepted: true, text: 'Two lots' });
        return {
          method: 'POST',
          url: `${API}/recommendations/${id}/response/corrections`,
          body: { accepted: false, text: 'One lot', reason: 'Budget' },
        };
      },
    ],
    // stage 2 and the outcome
    [
      'POST /plans/{id}/notice',
      planOrganizer('200'),
      async () => ({ method: 'POST', url: `${API}/plans/${(await underReview()).id}/notice`, body: notice }),
    ],
    [
      'POST /plans/{id}/notice/corrections',
      planOrganizer('201'),
      async () => ({
        method: 'POST',
        url: `${API}/plans/${(await withNotice()).id}/notice/corrections`,
        body: { ...notice, noticeNumber: 'N-2', reason: 'Wrong file' },
      }),
    ],
    [
      'POST /plans/{id}/outcome',
      planOrganizer('201'),
      async () => ({
        method: 'POST',
        url: `${API}/plans/${(await stage2Closed()).id}/outcome`,
        body: { decision: 'amend', summary: 'Amending' },
      }),
    ],
    [
      'POST /plans/{id}/outcome/corrections',
      planOrganizer('201'),
      async () => ({
        method: 'POST',
        url: `${API}/plans/${(await withOutcome()).id}/outcome/corrections`,
        body: { decision: 'cancel', summary: 'Cancelled', reason: 'Budget cut' },
      }),
    ],
  ];

  beforeAll(async () => {
    ({ t, w, users } = await startWithRoles(NOW));
    snapshot = await databaseFingerprint(t.db);
  });

  afterAll(async () => {
    await t?.close();
    if (seen.size === 0) return;
    const head = `| endpoint | ${ROLES.map((r) => ROLE_TITLES[r]).join(' | ')} |\n|---|${ROLES.map(() => '---').join('|')}|\n`;
    const rows = MATRIX.map(([endpoint]) => {
      const cells = ROLES.map((r) => {
        const cell = seen.get(endpoint)?.get(r);
        if (!cell) return 'not run';
        const text = /^2/.test(cell.got) ? `allow ${cell.got}` : `deny ${cell.got}`;
        return cell.ok ? text : `**${text} (unexpected)**`;
      });
      return `| ${endpoint} | ${cells.join(' | ')} |`;
    }).join('\n');
    const dir = join(__dirname, '..', '..', 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'authorization-matrix.md'),
      `# Authorization matrix\n\nEvery write endpoint (paths under ${API}) against every kind of user, as observed by ` +
        `test/security/authorization-matrix.e2e-spec.ts. Each cell ran on a fresh plan in the state where the endpoint succeeds; ` +
        `a denied request left the database unchanged.\n\n${head}${rows}\n`,
    );
  });

  const cases = MATRIX.flatMap(([endpoint, cells, setup]) =>
    ROLES.map((role, i) => [endpoint, ROLE_TITLES[role], cells[i], role, setup] as const),
  );

  it.each(cases)('%s as %s: %s', async (endpoint, _title, expected, role, setup) => {
    at(NOW);
    const s = await setup();
    at(NOW);
    const before = await snapshot();
    let req = t.http[s.method.toLowerCase() as 'post' | 'put' | 'delete'](s.url);
    if (role !== 'anon') req = req.set(bearer(users[role]));
    const res = s.body === undefined ? await req : await req.send(s.body);
    const got = res.status < 300 ? String(res.status) : `${res.status} ${res.body?.error?.code}`;
    const ok = got === expected;
    if (!seen.has(endpoint)) seen.set(endpoint, new Map());
    seen.get(endpoint)!.set(role, { got, ok });
    expect(`${got}${ok ? '' : ` (${res.text.slice(0, 300)})`}`).toBe(expected);
    if (res.status >= 400) {
      expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(await snapshot()).toBe(before);
    }
  });
});
