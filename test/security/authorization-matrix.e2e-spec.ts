import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { texts } from '../../src/common/i18n/catalogue';
import { sha256 as tokenHash } from '../../src/identity/auth.service';
import { Csrf } from '../../src/identity/auth/csrf';
import { TokenService } from '../../src/identity/auth/token.service';
import { UserToken } from '../../src/identity/user-token.entity';
import { UnsubscribeTokens } from '../../src/notifications/unsubscribe-token';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark } from '../reviews/fixtures';
import type { CreatedUser } from '../support/factories';
import { createUser, makeBin, PASSWORD } from '../support/factories';
import { pageFormPosts } from '../support/page-routes';
import type { TestApp } from '../support/test-app';
import type { SignedInRole } from './roles';
import { databaseFingerprint, startWithRoles } from './roles';

/**
 * Who may do what: every write endpoint of the API (and the public feeds, the same for everyone),
 * and every form POST of the pages (sent with the session cookie and a valid CSRF token, so that the
 * cell is about authorization; the list of form POSTs is read from the page controllers, so a new
 * form cannot be left out), against every kind of user. Each cell gets a fresh plan (or remark,
 * recommendation, override...) in the state in which the endpoint would succeed, so that a refusal
 * is about the role and nothing else; a refused cell must also leave the database unchanged.
 * The table below is the specification; the run writes what it saw to
 * test-artifacts/authorization-matrix.md.
 */
const API = '/api/v1';
const NOW = '2027-03-10T10:00:00+05:00'; // Wednesday

const ROLES = [
  'anon',
  'unverified',
  'citizen',
  'otherOrganizer',
  'otherCouncil',
  'organizer',
  'member',
  'chair',
  'moderator',
  'admin',
] as const;
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
  moderator: 'moderator',
  admin: 'admin',
};

// Expected answers: a success status, or "status CODE" of the refusal.
const A = '401 UNAUTHENTICATED';
const F = '403 FORBIDDEN';
const N = '403 NOT_COUNCIL_MEMBER';
const CHAIR = '403 NOT_CHAIR';
const UNVERIFIED = '403 EMAIL_NOT_VERIFIED';
const HIDDEN = '404 PLAN_NOT_FOUND'; // another organization's draft looks absent
const NOT_AUTHOR = '403 NOT_AUTHOR'; // only the remark's author judges its answer
/** An answer in both state languages: whatever the remark's language, it may be published (Law on Languages, art. 11). */
const BOTH_LANGUAGES_ANSWER = { kk: 'Смета қайта есептелді, баға нақтыланды.', ru: 'Смета пересчитана, цена уточнена.' };

type Cells = [string, string, string, string, string, string, string, string, string, string];
interface Setup {
  url: string;
  /** GET for the public reads that the matrix checks too (the feeds). */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: Record<string, unknown>;
}
/** A form POST: its URL and fields (the CSRF token is added). */
interface FormSetup {
  url: string;
  body: Record<string, string>;
}

// Expected answers of the pages: a redirect after success ("303 done=<flash>" or "303 <path>"), a
// page ("200"), a signed-out visitor sent to sign in, or "status CODE" of the refusal shown on the
// page (the code found by its message; a 404 page names none).
const SIGN_IN = 'sign in';
const PAGE_NOT_FOUND = '404';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
let importSerial = 0;
/** An annual plan of one row with a plan-point number not imported before (plan-import). */
const importCsv = () =>
  `Номер пункта плана;Наименование на казахском языке;Наименование на русском языке;Код ЕНС ТРУ;Способ закупки;Сумма\nM-${importSerial++};Су;Вода;110712.300.000000;Аукцион;250000`;
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The code of the refusal a page shows: the staff areas' 403 page, the page's own words for a
 * refusal (the remark form of an unconfirmed address), or the longest error message (en) found on it.
 */
function pageErrorCode(page: string): string | null {
  const { organizer, admin, common } = texts('en').pages;
  if ([organizer.forbiddenTitle, admin.forbiddenTitle].some((title) => page.includes(`<h1>${escapeHtml(title)}</h1>`))) return 'FORBIDDEN';
  if (page.includes(escapeHtml(common.verifyToRemark))) return 'EMAIL_NOT_VERIFIED';
  let best: { code: string; length: number } | null = null;
  for (const [code, message] of Object.entries(texts('en').errors.codes)) {
    const fixed = escapeHtml(String(message).split('{')[0]);
    if (fixed.length >= 8 && page.includes(fixed) && (!best || fixed.length > best.length)) best = { code, length: fixed.length };
  }
  return best?.code ?? null;
}

/** What a page's answer to a form POST says, in the notation of the expected cells. */
function pageOutcome(res: Response): string {
  if (res.status === 303) {
    const location = String(res.headers.location);
    if (location.startsWith('/login')) return SIGN_IN;
    const done = /[?&]done=([\w-]+)/.exec(location);
    return `303 ${done ? `done=${done[1]}` : location.replace(/[?#].*$/, '').replace(UUID, ':id')}`;
  }
  if (res.status < 300) return String(res.status);
  const code = pageErrorCode(res.text);
  return code ? `${res.status} ${code}` : String(res.status);
}

describe('authorization matrix: every role against every write endpoint and every form', () => {
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
  /** Under review, with the positions of the member and the chair (whose translations they may add). */
  const withOwnPositions = async () => {
    const plan = await underReview();
    for (const who of [w.members[1], w.chair])
      await prepare('post', `${API}/plans/${plan.id}/review/positions`, who, { position: 'endorse', text: 'Endorsed' });
    return plan;
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
  /** A notice published now that accounts for the citizen's accepted remark (a commitment, version 1). */
  const withCommitment = async () => {
    const plan = await underReview();
    const r = await createRemark(t, plan.id, users.citizen.user.id, {
      body: `Remark ${serial++}`,
      createdAt: new Date('2027-01-10T10:00:00+05:00'),
    });
    await answerRemark(t, r, w.organizer.user.id, {
      body: 'Accepted: it goes into the specification.',
      disposition: 'accepted',
      publishedAt: new Date('2027-01-20T10:00:00+05:00'),
    });
    await prepare('post', `${API}/plans/${plan.id}/notice`, w.organizer, {
      ...notice,
      commitments: [
        { remarkId: r.id, status: 'implemented', document: 'Specification', location: 'Section 2', explanation: 'Kept in section 2.' },
      ],
    });
    return { planId: plan.id, remarkId: r.id };
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
  /** A remark on an open plan, for the pages' answer forms (which name the plan too). */
  const remarkOnPlan = async () => {
    const plan = await openPlan();
    const r = await createRemark(t, plan.id, users.citizen.user.id, {
      body: `Remark ${serial++}`,
      createdAt: new Date('2027-03-02T10:00:00+05:00'),
    });
    return { planId: plan.id, remarkId: r.id };
  };
  /** The citizen's remark, answered on 3 March: its verdict window is open at NOW. */
  const answeredRemarkOnPlan = async () => {
    const plan = await openPlan();
    const r = await createRemark(t, plan.id, users.citizen.user.id, {
      body: `Remark ${serial++}`,
      createdAt: new Date('2027-03-02T10:00:00+05:00'),
    });
    await answerRemark(t, r, w.organizer.user.id, {
      body: 'The estimate stays as published.',
      disposition: 'rejected',
      publishedAt: new Date('2027-03-03T10:00:00+05:00'),
    });
    return { planId: plan.id, remarkId: r.id };
  };
  /** An answer published in Kazakh only: a Russian translation may be added. */
  const answeredInKazakhOnly = async () => {
    const { remarkId } = await answeredRemarkOnPlan();
    await t.db.query(`UPDATE answers SET body = $2::jsonb WHERE remark_id = $1`, [
      remarkId,
      JSON.stringify({ kk: 'Смета жарияланған күйінде қалады.', ru: null, en: null }),
    ]);
    return remarkId;
  };
  const recommendationOnPlan = async () => {
    const plan = await underReview();
    const position = await prepare('post', `${API}/plans/${plan.id}/review/positions`, w.members[2], {
      position: 'endorse_with_recommendations',
      text: 'Yes, but',
      recommendations: ['Split into lots'],
    });
    return { planId: plan.id, recommendationId: position.recommendations[0].id as string };
  };
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
  //                                                  anon unverified citizen  otherOrg otherCouncil organizer member  chair  moderator admin
  const everyone = (ok: string): Cells => [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok];
  const signedIn = (ok: string): Cells => [A, ok, ok, ok, ok, ok, ok, ok, ok, ok];
  const verified = (ok: string): Cells => [A, UNVERIFIED, ok, ok, ok, ok, ok, ok, ok, ok];
  const planOrganizer = (ok: string): Cells => [A, F, F, F, F, ok, F, F, F, F];
  /** Staff of any organizer (the import works on the caller's own organization). */
  const planOrganizers = (ok: string): Cells => [A, F, F, ok, F, ok, F, F, F, F];
  const adminOnly = (ok: string): Cells => [A, F, F, F, F, F, F, F, F, ok];

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
    ['POST /auth/logout-all', signedIn('200'), async () => ({ method: 'POST', url: `${API}/auth/logout-all` })],
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
      'PUT /admin/councils/{id}/translations',
      adminOnly('200'),
      async () => ({ method: 'PUT', url: `${API}/admin/councils/${w.council.id}/translations`, body: { name: { en: 'Public council' } } }),
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
      'PUT /admin/organizations/{id}/translations',
      adminOnly('200'),
      async () => ({
        method: 'PUT',
        url: `${API}/admin/organizations/${w.organization.id}/translations`,
        body: { address: { en: 'Almaty, Republic Square 4' } },
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
      [A, F, F, '201', F, '201', F, F, F, F],
      async () => ({
        method: 'POST',
        url: `${API}/plans`,
        body: { title: 'Roof', description: 'Repair', subjectCode: '452112.000.000000', amount: 1000, method: 'auction' },
      }),
    ],
    // the import of an annual plan: any organizer staff, for their own organization
    [
      'POST /plan-imports/preview',
      planOrganizers('200'),
      async () => ({ method: 'POST', url: `${API}/plan-imports/preview`, body: { csv: importCsv() } }),
    ],
    ['POST /plan-imports', planOrganizers('200'), async () => ({ method: 'POST', url: `${API}/plan-imports`, body: { csv: importCsv() } })],
    [
      'PATCH /plans/{id}',
      [A, F, F, HIDDEN, F, '200', F, F, F, F],
      async () => ({ method: 'PATCH', url: `${API}/plans/${(await draftPlan()).id}`, body: { amount: 2000 } }),
    ],
    [
      'POST /plans/{id}/publish',
      [A, F, F, HIDDEN, F, '200', F, F, F, F],
      async () => ({ method: 'POST', url: `${API}/plans/${(await draftPlan()).id}/publish` }),
    ],
    [
      'PUT /plans/{id}/translations',
      planOrganizer('200'),
      async () => ({ method: 'PUT', url: `${API}/plans/${(await openPlan()).id}/translations`, body: { title: { en: 'School repair' } } }),
    ],
    [
      'POST /plans/{id}/remarks',
      [A, UNVERIFIED, '201', F, F, F, F, F, F, F],
      async () => ({ method: 'POST', url: `${API}/plans/${(await openPlan()).id}/remarks`, body: { body: 'Too expensive' } }),
    ],
    [
      'POST /remarks/{id}/answer',
      planOrganizer('201'),
      async () => ({
        method: 'POST',
        url: `${API}/remarks/${await remark()}/answer`,
        body: { body: BOTH_LANGUAGES_ANSWER, disposition: 'accepted' },
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
          body: { body: BOTH_LANGUAGES_ANSWER, disposition: 'accepted', reason: { kk: 'Қате түзетілді', ru: 'Исправлена ошибка' } },
        };
      },
    ],
    [
      'PUT /remarks/{id}/answer/translations',
      planOrganizer('200'),
      async () => ({
        method: 'PUT',
        url: `${API}/remarks/${await answeredInKazakhOnly()}/answer/translations`,
        body: { body: { ru: 'Смета остаётся в опубликованном виде.' } },
      }),
    ],
    [
      'PUT /remarks/{id}/verdict',
      [A, NOT_AUTHOR, '200', NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR],
      async () => ({
        method: 'PUT',
        url: `${API}/remarks/${(await answeredRemarkOnPlan()).remarkId}/verdict`,
        body: { verdict: 'formal', reason: 'The answer does not address the remark.', answerVersion: 1 },
      }),
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
    [
      'PUT /plans/{id}/hearing/translations',
      planOrganizer('200'),
      async () => ({
        method: 'PUT',
        url: `${API}/plans/${(await withScheduledHearing()).id}/hearing/translations`,
        body: { room: { kk: '1-зал' } },
      }),
    ],
    [
      'PUT /plans/{id}/hearing/protocol/translations',
      planOrganizer('200'),
      async () => ({
        method: 'PUT',
        url: `${API}/plans/${(await withProtocolAfterHearing()).id}/hearing/protocol/translations`,
        body: { summary: { kk: 'Талқыланды' } },
      }),
    ],
    // council review
    [
      'PUT /plans/{id}/review/positions/mine/translations',
      [A, N, N, N, N, N, '200', '200', N, N],
      async () => ({
        method: 'PUT',
        url: `${API}/plans/${(await withOwnPositions()).id}/review/positions/mine/translations`,
        body: { text: { kk: 'Мақұлдаймын' } },
      }),
    ],
    [
      'POST /plans/{id}/review/positions',
      [A, N, N, N, N, N, '201', '201', N, N],
      async () => ({
        method: 'POST',
        url: `${API}/plans/${(await underReview()).id}/review/positions`,
        body: { position: 'endorse', text: 'Endorsed' },
      }),
    ],
    [
      'POST /plans/{id}/review/close',
      [A, N, N, N, N, N, CHAIR, '200', N, N],
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
    [
      'PUT /recommendations/{id}/response/translations',
      planOrganizer('200'),
      async () => {
        const id = await recommendation();
        await prepare('post', `${API}/recommendations/${id}/response`, w.organizer, { accepted: true, text: 'Two lots' });
        return { method: 'PUT', url: `${API}/recommendations/${id}/response/translations`, body: { text: { kk: 'Екі лот' } } };
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
      'PUT /plans/{id}/notice/translations',
      planOrganizer('200'),
      async () => ({
        method: 'PUT',
        url: `${API}/plans/${(await withNotice()).id}/notice/translations`,
        body: { documents: [{ title: { kk: 'Техникалық ерекшелік' } }] },
      }),
    ],
    [
      'POST /plans/{id}/commitments',
      planOrganizer('201'),
      async () => {
        const { planId, remarkId } = await withCommitment();
        return {
          method: 'POST',
          url: `${API}/plans/${planId}/commitments`,
          body: { commitments: [{ remarkId, status: 'not_implemented', explanation: 'Section 2 was removed after all.' }] },
        };
      },
    ],
    [
      'PUT /remarks/{id}/commitment-verdict',
      [A, NOT_AUTHOR, '200', NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR],
      async () => ({
        method: 'PUT',
        url: `${API}/remarks/${(await withCommitment()).remarkId}/commitment-verdict`,
        body: { verdict: 'disputed', reason: 'Section 2 does not say it.' },
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
    [
      'PUT /plans/{id}/outcome/translations',
      planOrganizer('200'),
      async () => ({
        method: 'PUT',
        url: `${API}/plans/${(await withOutcome()).id}/outcome/translations`,
        body: { summary: { kk: 'Жоспар бойынша жалғасады' } },
      }),
    ],
    // moderation (issue 16): a moderator or an administrator decides; the plan's organizer cannot moderate
    [
      'POST /remarks/{id}/reports',
      verified('201'),
      async () => ({ method: 'POST', url: `${API}/remarks/${await remark()}/reports`, body: { reason: 'insult', text: 'Rude' } }),
    ],
    [
      'POST /remarks/{id}/moderation',
      [A, F, F, F, F, F, F, F, '200', '200'],
      async () => {
        const id = await remark();
        await prepare('post', `${API}/remarks/${id}/reports`, users.member, { reason: 'insult' });
        return { method: 'POST', url: `${API}/remarks/${id}/moderation`, body: { action: 'hide', reason: 'insult', note: 'Rude words' } };
      },
    ],
    [
      'POST /remarks/{id}/appeal',
      [A, NOT_AUTHOR, '201', NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR],
      async () => {
        const id = await remark();
        await prepare('post', `${API}/remarks/${id}/moderation`, users.moderator, { action: 'hide', reason: 'insult', note: 'Rude words' });
        return { method: 'POST', url: `${API}/remarks/${id}/appeal`, body: { text: 'It was criticism, not an insult.' } };
      },
    ],
    // the feeds (issue 17): public reads, the same for everyone
    [
      'GET /feeds/plans.atom',
      everyone('200'),
      async () => ({ method: 'GET', url: `${API}/feeds/plans.atom?organizationId=${w.organization.id}` }),
    ],
    [
      'GET /feeds/hearings.ics',
      everyone('200'),
      async () => ({ method: 'GET', url: `${API}/feeds/hearings.ics?organizationId=${w.organization.id}` }),
    ],
  ];

  // ------------------------------------------------------------ the pages' forms
  //                                                  anon unverified citizen  otherOrg otherCouncil organizer member  chair  moderator admin
  const P = '403 FORBIDDEN';
  const pageSignedIn = (ok: string): Cells => [SIGN_IN, ok, ok, ok, ok, ok, ok, ok, ok, ok];
  /** Following and signing up send e-mail: an unconfirmed address is sent back with a note, as the API refuses it. */
  const pageVerified = (ok: string): Cells => [SIGN_IN, '303 done=verify-first', ok, ok, ok, ok, ok, ok, ok, ok];
  /** As in the API: another organization's plan items are refused (FORBIDDEN), its drafts look absent (404). */
  const pagePlanOrganizer = (ok: string, other = P): Cells => [SIGN_IN, P, P, other, P, ok, P, P, P, P];
  const pageAdminOnly = (ok: string): Cells => [SIGN_IN, P, P, P, P, P, P, P, P, ok];
  const organizerPlan = (path: string) => (id: string) => `/organizer/plans/${id}${path}`;

  const FORM_MATRIX: [string, Cells, () => Promise<FormSetup>][] = [
    // signing in and out, registration, e-mail and password: anyone
    [
      'POST /login',
      everyone('303 /'),
      async () => ({ url: '/login', body: { email: users.citizen.user.email, password: PASSWORD, next: '/' } }),
    ],
    ['POST /logout', everyone('303 /'), async () => ({ url: '/logout', body: {} })],
    // ends every session of the account: each cell signs in afresh (formCredentials), so later cells are not affected
    ['POST /logout-everywhere', pageSignedIn('303 /'), async () => ({ url: '/logout-everywhere', body: {} })],
    [
      'POST /register',
      everyone('200'),
      async () => ({
        url: '/register',
        body: { email: `page-${serial++}@example.test`, displayName: 'New', password: PASSWORD, locale: 'en', consent: 'true' },
      }),
    ],
    ['POST /verify-email/resend', pageSignedIn('303 /my/remarks'), async () => ({ url: '/verify-email/resend', body: {} })],
    ['POST /forgot-password', everyone('200'), async () => ({ url: '/forgot-password', body: { email: users.citizen.user.email } })],
    // one-click unsubscribe (RFC 8058): the signed token in the URL is the authority, whoever sends it, cookie or not
    [
      'POST /unsubscribe',
      everyone('200'),
      async () => {
        const token = t.app.get(UnsubscribeTokens).sign({ userId: users.citizen.user.id, planId: (await openPlan()).id });
        return { url: `/unsubscribe?token=${token}`, body: { 'List-Unsubscribe': 'One-Click' } };
      },
    ],
    [
      'POST /reset-password',
      everyone('200'),
      async () => ({ url: '/reset-password', body: { token: await userToken('password_reset'), password: 'Another-horse-43' } }),
    ],
    // the public plan page
    [
      'POST /plans/:id/remarks',
      [SIGN_IN, '403 EMAIL_NOT_VERIFIED', '303 done=remark', P, P, P, P, P, P, P],
      async () => ({ url: `/plans/${(await openPlan()).id}/remarks`, body: { body: 'Too expensive' } }),
    ],
    [
      'POST /plans/:id/remarks/:remarkId/answer',
      pagePlanOrganizer('303 done=answer'),
      async () => {
        const { planId, remarkId } = await remarkOnPlan();
        return {
          url: `/plans/${planId}/remarks/${remarkId}/answer`,
          body: {
            disposition: 'accepted',
            [`answer-${remarkId}_kk`]: BOTH_LANGUAGES_ANSWER.kk,
            [`answer-${remarkId}_ru`]: BOTH_LANGUAGES_ANSWER.ru,
          },
        };
      },
    ],
    [
      'POST /remarks/:id/verdict',
      [SIGN_IN, NOT_AUTHOR, '303 done=verdict', NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR],
      async () => ({
        url: `/remarks/${(await answeredRemarkOnPlan()).remarkId}/verdict`,
        body: { verdict: 'formal', reason: 'The answer does not address the remark.', answerVersion: '1', from: 'plan' },
      }),
    ],
    // moderation (issue 16): anyone verified reports; the author of a hidden remark appeals; moderators and administrators decide
    [
      'POST /remarks/:id/report',
      [
        SIGN_IN,
        '403 EMAIL_NOT_VERIFIED',
        '303 done=reported',
        '303 done=reported',
        '303 done=reported',
        '303 done=reported',
        '303 done=reported',
        '303 done=reported',
        '303 done=reported',
        '303 done=reported',
      ],
      async () => ({ url: `/remarks/${(await remarkOnPlan()).remarkId}/report`, body: { reason: 'insult', text: 'Rude words' } }),
    ],
    [
      'POST /remarks/:id/appeal',
      [SIGN_IN, NOT_AUTHOR, '303 done=appealed', NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR],
      async () => {
        const { remarkId } = await remarkOnPlan();
        await prepare('post', `${API}/remarks/${remarkId}/moderation`, users.moderator, {
          action: 'hide',
          reason: 'insult',
          note: 'Rude words',
        });
        return { url: `/remarks/${remarkId}/appeal`, body: { text: 'It was criticism, not an insult.' } };
      },
    ],
    [
      'POST /moderation/remarks/:id',
      [SIGN_IN, P, P, P, P, P, P, P, '303 done=hidden', '303 done=hidden'],
      async () => ({
        url: `/moderation/remarks/${(await remarkOnPlan()).remarkId}`,
        body: { action: 'hide', reason: 'insult', note: 'Rude words' },
      }),
    ],
    [
      'POST /plans/:id/follow',
      pageVerified('303 done=followed'),
      async () => ({ url: `/plans/${(await openPlan()).id}/follow`, body: { follow: 'on' } }),
    ],
    [
      'POST /plans/:id/hearing-signup',
      pageVerified('303 done=signedup'),
      async () => ({ url: `/plans/${(await withScheduledHearing()).id}/hearing-signup`, body: { signup: 'on' } }),
    ],
    // the organizer's pages
    [
      'POST /organizer/import/preview',
      [SIGN_IN, P, P, '200', P, '200', P, P, P, P],
      async () => ({ url: '/organizer/import/preview', body: { csv: importCsv() } }),
    ],
    [
      'POST /organizer/import',
      [SIGN_IN, P, P, '200', P, '200', P, P, P, P],
      async () => ({ url: '/organizer/import', body: { csv: importCsv() } }),
    ],
    [
      'POST /organizer/plans',
      [SIGN_IN, P, P, '303 done=created', P, '303 done=created', P, P, P, P],
      async () => ({
        url: '/organizer/plans',
        body: {
          title_kk: 'Шатыр',
          title_ru: 'Кровля',
          description_kk: 'Жөндеу',
          description_ru: 'Ремонт',
          subjectCode: '452112.000.000000',
          amount: '1000',
          method: 'auction',
        },
      }),
    ],
    [
      'POST /organizer/plans/:id/edit',
      pagePlanOrganizer('303 done=saved', PAGE_NOT_FOUND),
      async () => ({
        url: organizerPlan('/edit')((await draftPlan()).id),
        body: {
          title_kk: 'Шатыр',
          title_ru: 'Кровля',
          description_ru: 'Ремонт',
          subjectCode: '452112.000.000000',
          amount: '2000',
          method: 'auction',
        },
      }),
    ],
    [
      'POST /organizer/plans/:id/translations',
      pagePlanOrganizer('303 done=translated'),
      async () => ({ url: organizerPlan('/translations')((await openPlan()).id), body: { title_en: 'School repair' } }),
    ],
    [
      'POST /organizer/plans/:id/publish',
      pagePlanOrganizer('303 done=published', PAGE_NOT_FOUND),
      async () => ({ url: organizerPlan('/publish')((await draftPlan()).id), body: {} }),
    ],
    [
      'POST /organizer/remarks/:remarkId/answer',
      pagePlanOrganizer('303 done=answered'),
      async () => {
        const { remarkId } = await remarkOnPlan();
        return {
          url: `/organizer/remarks/${remarkId}/answer`,
          body: {
            disposition: 'accepted',
            [`answer-${remarkId}_kk`]: BOTH_LANGUAGES_ANSWER.kk,
            [`answer-${remarkId}_ru`]: BOTH_LANGUAGES_ANSWER.ru,
          },
        };
      },
    ],
    [
      'POST /organizer/remarks/:remarkId/correction',
      pagePlanOrganizer('303 done=corrected'),
      async () => {
        const remark = await createRemark(t, (await openPlan()).id, users.citizen.user.id, {
          body: `Remark ${serial++}`,
          createdAt: new Date('2027-03-02T10:00:00+05:00'),
        });
        await answerRemark(t, remark, w.organizer.user.id, {
          body: 'The estimate stays as it is.',
          disposition: 'rejected',
          publishedAt: new Date('2027-03-03T10:00:00+05:00'),
        });
        return {
          url: `/organizer/remarks/${remark.id}/correction`,
          body: {
            disposition: 'accepted',
            body_kk: BOTH_LANGUAGES_ANSWER.kk,
            body_ru: BOTH_LANGUAGES_ANSWER.ru,
            reason_kk: 'Кеңес жауапты формальды деп тапты',
            reason_ru: 'Совет признал ответ формальным',
          },
        };
      },
    ],
    [
      'POST /organizer/remarks/:remarkId/translation',
      pagePlanOrganizer('303 done=translated'),
      async () => ({
        url: `/organizer/remarks/${await answeredInKazakhOnly()}/translation`,
        body: { body_ru: 'Смета остаётся в опубликованном виде.' },
      }),
    ],
    [
      'POST /organizer/plans/:id/hearing',
      pagePlanOrganizer('303 done=scheduled'),
      async () => ({
        url: organizerPlan('/hearing')((await awaitingHearing()).id),
        body: { date: '2027-03-11', time: '10:00', room: 'Hall 2', livestreamUrl: '' },
      }),
    ],
    [
      'POST /organizer/plans/:id/hearing/cancel',
      pagePlanOrganizer('303 done=cancelled'),
      async () => ({ url: organizerPlan('/hearing/cancel')((await withScheduledHearing()).id), body: { reason: 'The hall is flooded' } }),
    ],
    [
      'POST /organizer/plans/:id/hearing/protocol',
      pagePlanOrganizer('303 done=protocol'),
      async () => ({
        url: organizerPlan('/hearing/protocol')((await withHeldHearing()).id),
        body: { attendeesCount: '10', speakers: 'A. Citizen', summary: 'Discussed', decisions: 'Proceed' },
      }),
    ],
    [
      'POST /organizer/plans/:id/hearing/translations',
      pagePlanOrganizer('303 done=translated'),
      async () => ({ url: organizerPlan('/hearing/translations')((await withScheduledHearing()).id), body: { room_kk: '1-зал' } }),
    ],
    [
      'POST /organizer/plans/:id/hearing/protocol/translations',
      pagePlanOrganizer('303 done=translated'),
      async () => ({
        url: organizerPlan('/hearing/protocol/translations')((await withProtocolAfterHearing()).id),
        body: { summary_kk: 'Талқыланды' },
      }),
    ],
    [
      'POST /organizer/plans/:id/notice',
      pagePlanOrganizer('303 done=notice'),
      async () => ({
        url: organizerPlan('/notice')((await underReview()).id),
        body: {
          noticeNumber: 'N-1',
          doc1Title_en: 'Specification',
          doc1Url: 'https://goszakup.example/spec.pdf',
          doc1Sha256: 'a'.repeat(64),
        },
      }),
    ],
    [
      'POST /organizer/plans/:id/notice/translations',
      pagePlanOrganizer('303 done=translations'),
      async () => ({ url: organizerPlan('/notice/translations')((await withNotice()).id), body: { doc1Title_kk: 'Техникалық ерекшелік' } }),
    ],
    [
      'POST /organizer/plans/:id/commitments',
      pagePlanOrganizer('303 done=commitments'),
      async () => {
        const { planId, remarkId } = await withCommitment();
        return {
          url: organizerPlan('/commitments')(planId),
          body: {
            c1Remark: remarkId,
            c1Status: 'not_implemented',
            c1Document: '',
            c1Location: '',
            c1Explanation: 'Section 2 was removed after all.',
          },
        };
      },
    ],
    [
      'POST /plans/:id/commitments/:remarkId/verdict',
      // the unverified citizen is refused NOT_AUTHOR too, but the plan page (stage 2 open) also shows them its
      // note that they must confirm their address to remark, which pageErrorCode reads first
      [SIGN_IN, UNVERIFIED, '303 done=commitment', NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR, NOT_AUTHOR],
      async () => {
        const { planId, remarkId } = await withCommitment();
        return { url: `/plans/${planId}/commitments/${remarkId}/verdict`, body: { verdict: 'confirmed', reason: '' } };
      },
    ],
    [
      'POST /organizer/plans/:id/recommendations/:recommendationId/response',
      pagePlanOrganizer('303 done=response'),
      async () => {
        const { planId, recommendationId } = await recommendationOnPlan();
        return { url: organizerPlan(`/recommendations/${recommendationId}/response`)(planId), body: { accepted: 'yes', text: 'Two lots' } };
      },
    ],
    [
      'POST /organizer/plans/:id/recommendations/:recommendationId/response/translations',
      pagePlanOrganizer('303 done=translated'),
      async () => {
        const { planId, recommendationId } = await recommendationOnPlan();
        await prepare('post', `${API}/recommendations/${recommendationId}/response`, w.organizer, { accepted: true, text: 'Two lots' });
        return {
          url: organizerPlan(`/recommendations/${recommendationId}/response/translations`)(planId),
          body: { [`translation-${recommendationId}_kk`]: 'Екі лот' },
        };
      },
    ],
    [
      'POST /organizer/plans/:id/outcome',
      pagePlanOrganizer('303 done=outcome'),
      async () => ({ url: organizerPlan('/outcome')((await stage2Closed()).id), body: { decision: 'amend', summary_en: 'Amending' } }),
    ],
    [
      'POST /organizer/plans/:id/outcome/translations',
      pagePlanOrganizer('303 done=translations'),
      async () => ({
        url: organizerPlan('/outcome/translations')((await withOutcome()).id),
        body: { summary_kk: 'Жоспар бойынша жалғасады' },
      }),
    ],
    // the council's pages
    [
      'POST /council/plans/:id/positions',
      [SIGN_IN, P, P, P, N, P, '303 done=position', '303 done=position', P, P],
      async () => ({
        url: `/council/plans/${(await underReview()).id}/positions`,
        body: { position: 'endorse', text: 'Endorsed', recommendations: '' },
      }),
    ],
    [
      'POST /council/plans/:id/positions/translations',
      [SIGN_IN, P, P, P, N, P, '303 done=translated', '303 done=translated', P, P],
      async () => ({ url: `/council/plans/${(await withOwnPositions()).id}/positions/translations`, body: { text_kk: 'Мақұлдаймын' } }),
    ],
    [
      'POST /council/plans/:id/close',
      [SIGN_IN, P, P, P, N, P, CHAIR, '303 done=closed', P, P],
      async () => ({ url: `/council/plans/${(await underReview()).id}/close`, body: {} }),
    ],
    // the administrator's pages
    [
      'POST /admin/organizations',
      pageAdminOnly('303 done=created'),
      async () => ({
        url: '/admin/organizations',
        body: {
          name_kk: 'Жаңа әкімдік',
          name_ru: 'Новый акимат',
          bin: makeBin(),
          address_ru: 'Астана',
          timeZone: 'Asia/Almaty',
          councilId: w.council.id,
        },
      }),
    ],
    [
      'POST /admin/councils',
      pageAdminOnly('303 done=created'),
      async () => ({ url: '/admin/councils', body: { name_kk: 'Жаңа кеңес', name_ru: 'Новый совет' } }),
    ],
    [
      'POST /admin/organizations/:id/translations',
      pageAdminOnly('303 done=translated'),
      async () => ({ url: `/admin/organizations/${w.organization.id}/translations`, body: { address_en: 'Almaty, Republic Square 4' } }),
    ],
    [
      'POST /admin/councils/:id/translations',
      pageAdminOnly('303 done=translated'),
      async () => ({ url: `/admin/councils/${w.council.id}/translations`, body: { name_en: 'Public council' } }),
    ],
    [
      'POST /admin/users',
      pageAdminOnly('303 done=created'),
      async () => ({
        url: '/admin/users',
        body: {
          email: `page-staff-${serial++}@example.test`,
          displayName: 'Staff',
          password: PASSWORD,
          role: 'organizer',
          organizationId: w.organization.id,
          councilId: '',
          locale: 'en',
        },
      }),
    ],
    [
      'POST /admin/calendar',
      pageAdminOnly('303 done=saved'),
      async () => ({ url: '/admin/calendar', body: { date: freeDate(), working: 'false', reason: 'Transfer' } }),
    ],
    [
      'POST /admin/calendar/:date/delete',
      pageAdminOnly('303 done=removed'),
      async () => {
        const date = freeDate();
        await prepare('put', `${API}/admin/calendar/${date}`, users.admin, { working: false, reason: 'Transfer' });
        return { url: `/admin/calendar/${date}/delete`, body: {} };
      },
    ],
  ];

  /** The session cookie of the role (a fresh `csrf` cookie when signed out) and a valid CSRF token bound to it. */
  const formCredentials = (role: Role): { cookie: string; token: string } => {
    const csrf = t.app.get(Csrf);
    if (role === 'anon') {
      const binding = `matrix-${serial++}-${'a'.repeat(20)}`;
      return { cookie: `csrf=${binding}`, token: csrf.token({ cookies: { csrf: binding } } as never)! };
    }
    const session = t.app.get(TokenService).sign(users[role].user.id).token;
    return { cookie: `session=${session}`, token: csrf.token({ cookies: { session } } as never)! };
  };

  beforeAll(async () => {
    ({ t, w, users } = await startWithRoles(NOW));
    snapshot = await databaseFingerprint(t.db);
  });

  afterAll(async () => {
    await t?.close();
    if (seen.size === 0) return;
    const head = `| endpoint | ${ROLES.map((r) => ROLE_TITLES[r]).join(' | ')} |\n|---|${ROLES.map(() => '---').join('|')}|\n`;
    const table = (rows: readonly (readonly [string, ...unknown[]])[], prefix: string) =>
      rows
        .map(([endpoint]) => {
          const cells = ROLES.map((r) => {
            const cell = seen.get(`${prefix}${endpoint}`)?.get(r);
            if (!cell) return 'not run';
            const text = /^(2|303 )/.test(cell.got) && cell.got !== '303 done=verify-first' ? `allow ${cell.got}` : `deny ${cell.got}`;
            return cell.ok ? text : `**${text} (unexpected)**`;
          });
          return `| ${endpoint} | ${cells.join(' | ')} |`;
        })
        .join('\n');
    const dir = join(__dirname, '..', '..', 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'authorization-matrix.md'),
      `# Authorization matrix\n\nEvery write endpoint (paths under ${API}) and every form POST of the pages against every kind of ` +
        `user, as observed by test/security/authorization-matrix.e2e-spec.ts. Each cell ran on a fresh plan in the state where ` +
        `the endpoint succeeds; a denied request left the database unchanged. The forms were sent with the session cookie and a ` +
        `valid CSRF token.\n\n## API\n\n${head}${table(MATRIX, '')}\n\n## Forms of the pages\n\n${head}${table(FORM_MATRIX, 'form ')}\n`,
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
    let req = t.http[s.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](s.url);
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

  it('has a row for every form POST of the pages (read from the page controllers)', () => {
    expect(FORM_MATRIX.map(([endpoint]) => endpoint).sort()).toEqual(pageFormPosts().sort());
  });

  const formCases = FORM_MATRIX.flatMap(([endpoint, cells, setup]) =>
    ROLES.map((role, i) => [endpoint, ROLE_TITLES[role], cells[i], role, setup] as const),
  );

  it.each(formCases)('form %s as %s: %s', async (endpoint, _title, expected, role, setup) => {
    at(NOW);
    const s = await setup();
    at(NOW);
    const before = await snapshot();
    const { cookie, token } = formCredentials(role);
    const res = await t.http
      .post(s.url)
      .set('Cookie', cookie)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ ...s.body, _csrf: token });
    const got = pageOutcome(res);
    const ok = got === expected;
    const key = `form ${endpoint}`;
    if (!seen.has(key)) seen.set(key, new Map());
    seen.get(key)!.set(role, { got, ok });
    expect(`${got}${ok ? '' : ` (${res.status} ${String(res.headers.location ?? '')} ${res.text.slice(0, 300)})`}`).toBe(expected);
    expect(got).not.toMatch(/CSRF_INVALID/);
    if (got === SIGN_IN || res.status >= 400 || got === '303 done=verify-first') expect(await snapshot()).toBe(before);
  });
});
