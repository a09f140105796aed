import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ERRORS } from '../../src/common/errors/error-codes';
import { IMPORT_JSON_BODY_LIMIT } from '../../src/plan-import/plan-import.columns';
import { TokenService } from '../../src/identity/auth/token.service';
import { Recommendation } from '../../src/reviews/recommendation.entity';
import { Csrf } from '../../src/web/forms/csrf';
import type { World } from '../reviews/fixtures';
import { createRemark, createPlan } from '../reviews/fixtures';
import type { SignedInRole } from '../security/roles';
import { databaseFingerprint, startWithRoles } from '../security/roles';
import type { CreatedUser } from '../support/factories';
import { makeBin } from '../support/factories';
import type { TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every route of the API (and the page forms): arbitrary JSON, wrong types,
 * huge and odd strings, NUL characters, deep nesting, numbers at their limits, malformed dates and
 * odd headers. Whatever comes in, the answer is never a 5xx, every API error is
 * {"error": {"code", "message"}} with a known code whose status it carries, and a refused request
 * leaves every table exactly as it was (row count and newest row version of every table, before and after).
 *
 * Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> npx jest test/fuzz
 * More runs: FUZZ_RUNS=500 npx jest test/fuzz
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20270301);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const API = '/api/v1';
const START = '2027-03-01T10:00:00+05:00';

/** An annual plan (plan-import) whose rows the fuzzer mutates as a whole string. */
const IMPORT_CSV =
  'Номер пункта плана;Наименование на казахском языке;Наименование на русском языке;Код ЕНС ТРУ;Способ закупки;Сумма;Квартал\n' +
  'F-1;Су;Вода;110712.300.000000;Аукцион;250 000;2027-Q2\nF-2;Қағаз;Бумага;171812.900.000001;open_tender;1000;2027-Q3';

type Who = 'anon' | SignedInRole;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Endpoint {
  method: Method;
  /** As in the OpenAPI description: /api/v1/plans/{id} */
  path: string;
  /** Who would normally call it */
  as: Who;
  /** A valid value of each path parameter */
  params?: Record<string, () => string>;
  /** A body that would be accepted, which the fuzzer mutates */
  body?: () => Record<string, unknown>;
  /** Query parameters the route reads */
  query?: string[];
}

// ---------------------------------------------------------------- arbitraries

const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  '\uFFFE',
  '\u202Eevil',
  '\u200B',
  'Ə̸̧̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼ͅ',
  '𝕿𝖆𝖑𝖖𝖞𝖑𝖆𝖚',
  'Ескерту',
  'ескерту',
  '<script>alert(1)</script>',
  "'; DROP TABLE plans; --",
  '" OR 1=1 --',
  '../../etc/passwd',
  '%00',
  '%',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  'true',
  'undefined',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '0x10',
  '2027-02-30T10:00:00+05:00',
  '2027-13-01T10:00:00+05:00',
  '2027-03-01T25:61:61+05:00',
  '2027-03-01T10:00:00+99:99',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '9999-12-31T23:59:59.999+14:00',
  '1900-01-01T00:00:00Z',
  '2027-03-01',
  '2027-03-01T10:00:00',
  '2027-W09-1',
  'T',
  '2027-Q5',
  '9'.repeat(400),
  '-'.repeat(36),
  '0'.repeat(32),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'g0000000-0000-0000-0000-000000000000',
  '__proto__',
  'constructor',
  'prototype',
  'organizer',
  'admin',
  'council_member',
  'endorse',
  'accepted',
  'proceed',
  'open_tender',
  'https://',
  'https://x',
  'javascript:alert(1)',
  'http://example.kz/a.pdf',
  'Asia/Almaty',
  'Mars/Olympus',
  'a@b',
  'A@EXAMPLE.TEST',
  '@',
  'x'.repeat(201),
];
const nastyString = fc.constantFrom(...NASTY_STRINGS);
/** Longer than any field allows, yet under the body limit */
const hugeString = fc.integer({ min: 2_001, max: 60_000 }).map((n) => 'ж'.repeat(n));
const fuzzString = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 50 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 50 }), weight: 2 },
  { arbitrary: nastyString, weight: 5 },
  { arbitrary: fc.stringMatching(/^[0-9a-f-]{36}$/), weight: 1 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);
const limitNumber = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  2,
  0.5,
  1.5,
  -1.5,
  99,
  100,
  101,
  255,
  256,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  1e21,
  2027,
);
const fuzzNumber = fc.oneof(limitNumber, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const leaf = fc.oneof(fuzzString, fuzzNumber, fc.boolean(), fc.constant(null));
/** [[[...]]] or {"a":{"a":...}} from a little to far more than any body needs */
const deepValue = fc.tuple(fc.integer({ min: 8, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: leaf, weight: 6 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.array(leaf, { maxLength: 5 }), weight: 2 },
  { arbitrary: fc.dictionary(fuzzString, leaf, { maxKeys: 4 }), weight: 1 },
  { arbitrary: deepValue, weight: 1 },
);
/** JSON number tokens JSON.stringify cannot write */
const rawNumber = fc.constantFrom(
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '1.0',
  '-0.0',
  '1E2',
  '0.0000000000000000000001',
  '9007199254740993',
);
const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '{"a":',
    '{"a" 1}',
    "{'a':1}",
    '{a:1}',
    '[1,]',
    '{"a":1,}',
    'nul',
    'tru',
    '"unterminated',
    '{"a":"\\u12"}',
    '\u0000',
    '{}{}',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":undefined}',
    '01',
    '--1',
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !isJson(s) && s.trim().length > 0),
);
function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** What is sent as the request body */
type BodyCase = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };

function mutatedBody(example: Record<string, unknown>): fc.Arbitrary<BodyCase> {
  const keys = Object.keys(example);
  const mutation = fc.record({
    replace: fc.dictionary(keys.length ? fc.constantFrom(...keys) : fuzzString, jsonValue, { maxKeys: 3 }),
    drop: fc.subarray(keys),
    extra: fc.option(fc.tuple(fuzzString, jsonValue), { freq: 4 }),
  });
  return mutation.map(({ replace, drop, extra }) => {
    const value: Record<string, unknown> = { ...example, ...replace };
    for (const k of drop) if (!(k in replace)) delete value[k];
    if (extra) value[extra[0]] = extra[1];
    return { kind: 'json' as const, value };
  });
}

function bodyCase(example: (() => Record<string, unknown>) | undefined): fc.Arbitrary<BodyCase> {
  const ex = example?.() ?? {};
  const keys = Object.keys(ex);
  return fc.oneof(
    { arbitrary: mutatedBody(ex), weight: 8 },
    { arbitrary: fc.constant<BodyCase>({ kind: 'json', value: ex }), weight: 1 },
    { arbitrary: jsonValue.map((value): BodyCase => ({ kind: 'json', value })), weight: 2 },
    { arbitrary: fc.constant<BodyCase>({ kind: 'none' }), weight: 1 },
    {
      // one field as a number token JSON.stringify cannot produce
      arbitrary: fc.tuple(keys.length ? fc.constantFrom(...keys) : fc.constant('x'), rawNumber).map(([k, raw]): BodyCase => {
        const text = JSON.stringify({ ...ex, [k]: '__RAW__' }).replace('"__RAW__"', raw);
        return { kind: 'raw', text, contentType: 'application/json' };
      }),
      weight: 1,
    },
    {
      // nesting far beyond what JSON.stringify is asked to write
      arbitrary: fc
        .integer({ min: 5_000, max: 100_000 })
        .map((d): BodyCase => ({ kind: 'raw', text: `{"x":${'['.repeat(d)}${']'.repeat(d)}}`, contentType: 'application/json' })),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/json; charset=latin1',
            'application/octet-stream',
            'application/vnd.api+json',
            'garbage',
            '',
          ),
          fc.oneof(fc.string({ maxLength: 200 }), fc.constant(JSON.stringify(ex)), fc.constant('a=1&a=2&__proto__[x]=1&body=%00')),
        )
        .map(([contentType, text]): BodyCase => ({ kind: 'raw', text, contentType })),
      weight: 2,
    },
  );
}

/** Header values Node's HTTP client can send (a byte string without control characters) */
const headerString = fc
  .oneof(fuzzString, fc.string({ unit: 'binary-ascii', maxLength: 100 }))
  .map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').slice(0, 2_000));

type AuthCase =
  | { kind: 'default' }
  | { kind: 'as'; who: Who }
  | { kind: 'header'; value: string }
  | { kind: 'expired' }
  | { kind: 'ghost' }
  | { kind: 'foreign' }
  | { kind: 'cookie'; value: string };
const WHO: Who[] = ['anon', 'citizen', 'unverified', 'organizer', 'otherOrganizer', 'otherCouncil', 'member', 'chair', 'admin'];
const authCase: fc.Arbitrary<AuthCase> = fc.oneof(
  { arbitrary: fc.constant<AuthCase>({ kind: 'default' }), weight: 10 },
  { arbitrary: fc.constantFrom(...WHO).map((who): AuthCase => ({ kind: 'as', who })), weight: 3 },
  {
    arbitrary: fc
      .oneof(
        headerString,
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Bearer a.b.c',
          'Basic YWRtaW46YWRtaW4=',
          'bearer  x',
          'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
          'Bearer ' + 'a'.repeat(1_500),
        ),
      )
      .map((value): AuthCase => ({ kind: 'header', value })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom<AuthCase>({ kind: 'expired' }, { kind: 'ghost' }, { kind: 'foreign' }), weight: 2 },
  { arbitrary: headerString.map((value): AuthCase => ({ kind: 'cookie', value })), weight: 1 },
);

const headersCase = fc.record(
  {
    acceptLanguage: fc.oneof(
      headerString,
      fc.constantFrom('kk', 'ru', 'en', 'kk-KZ,ru;q=0.9', '*', 'en;q=abc', 'ru;q=-1,kk;q=NaN', 'xx-YY', ',,,;;;', 'en;q=1e999'),
    ),
    idempotencyKey: fc.oneof(headerString, fc.constantFrom('', ' ', 'k'.repeat(200), 'k'.repeat(201), 'same-key')),
    accept: fc.constantFrom('application/json', 'text/csv', 'text/html', '*/*', '', 'garbage/;;'),
    forwardedFor: fc.constantFrom('127.0.0.1', '::1', 'not-an-ip', '999.999.999.999', '1.2.3.4, 5.6.7.8', ''),
  },
  { requiredKeys: [] },
);

function paramValue(valid: () => string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(null).map(() => valid()), weight: 6 },
    // capped so that the URL stays under Node's 16 KiB header limit (beyond it Node answers 431 itself)
    { arbitrary: fuzzString.map((s) => s.slice(0, 1_000)), weight: 3 },
    { arbitrary: fc.string({ minLength: 201, maxLength: 400 }), weight: 1 },
  );
}
function encodePathPart(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'));
  }
}

function queryCase(known: string[]): fc.Arbitrary<[string, string][]> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...known, 'lang', 'format'), weight: 4 },
    { arbitrary: fuzzString.map((s) => s.slice(0, 50)), weight: 1 },
  );
  const value = fc.oneof(
    fuzzString.map((s) => s.slice(0, 600)),
    limitNumber.map(String),
    fc.constantFrom('1', '2', '0', '-1', '100', '101', '1.5', 'csv', 'json', 'draft', 'closed', 'stage1_open', ''),
  );
  return fc.array(fc.tuple(key, value), { maxLength: 5 });
}
function toQueryString(pairs: [string, string][]): string {
  if (pairs.length === 0) return '';
  return '?' + pairs.map(([k, v]) => `${encodePathPart(k)}=${encodePathPart(v)}`).join('&');
}

// ---------------------------------------------------------------- the application

describe('API fuzzing: no 5xx, shaped errors, nothing half-written', () => {
  let t: TestApp;
  let w: World;
  let users: Record<SignedInRole, CreatedUser>;
  const ids = { draft: '', open: '', closed: '', protocol: '', remark: '', recommendation: '', council: '', organization: '' };
  let snapshot: () => Promise<string>;
  let knownState = '';
  let counter = 0;

  const token = (who: Who) => (who === 'anon' ? null : t.app.get(TokenService).sign(users[who].user.id).token);

  beforeAll(async () => {
    ({ t, w, users } = await startWithRoles(START));
    ids.council = w.council.id;
    ids.organization = w.organization.id;
    ids.draft = (
      await createPlan(t, w, {
        publishedAt: null,
        stage1ClosesAt: null,
        stage1CloseDate: null,
        hearingDeadlineDate: null,
        stage1ClosedSweptAt: null,
      })
    ).id;
    ids.open = (
      await createPlan(t, w, {
        publishedAt: new Date('2027-02-26T10:00:00+05:00'),
        stage1ClosesAt: new Date('2027-03-18T23:59:59.999+05:00'),
        stage1CloseDate: '2027-03-18',
        hearingDeadlineDate: '2027-03-28',
        stage1ClosedSweptAt: null,
      })
    ).id;
    ids.closed = (
      await createPlan(t, w, {
        publishedAt: new Date('2027-02-01T10:00:00+05:00'),
        stage1ClosesAt: new Date('2027-02-27T23:59:59.999+05:00'),
        stage1CloseDate: '2027-02-27',
        hearingDeadlineDate: '2027-03-09',
      })
    ).id;
    const protocolPlan = await createPlan(t, w, {
      protocolPublishedAt: new Date('2027-02-05T12:00:00+05:00'),
      reviewClosesAt: new Date('2027-03-20T23:59:59.999+05:00'),
    });
    ids.protocol = protocolPlan.id;
    ids.remark = (
      await createRemark(t, ids.open, users.citizen.user.id, {
        body: 'A remark to answer',
        createdAt: new Date('2027-02-27T10:00:00+05:00'),
      })
    ).id;
    const position = await t.http
      .post(`${API}/plans/${ids.protocol}/review/positions`)
      .set({ Authorization: `Bearer ${token('member')}` })
      .send({ position: 'endorse_with_recommendations', text: 'Endorsed', recommendations: ['Split into lots'] })
      .expect(201);
    ids.recommendation = position.body.recommendations[0].id;
    expect(await t.db.getRepository(Recommendation).count()).toBe(1);

    snapshot = await databaseFingerprint(t.db);
    knownState = await snapshot();
  });
  afterAll(async () => {
    await t?.close();
  });

  const id = (key: keyof typeof ids) => () => ids[key];
  const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const protocolBody = () => ({
    attendeesCount: 12,
    speakers: ['A'],
    positions: ['For'],
    questions: [{ question: 'Q?', answer: 'A.' }],
    summary: 'Summary',
    decisions: ['Proceed'],
  });
  const noticeBody = () => ({
    noticeNumber: 'N-1',
    documents: [{ title: 'Spec', url: 'https://example.kz/spec.pdf', sha256: 'a'.repeat(64) }],
  });

  /** Every route of the OpenAPI description; a test below checks that none is missing. */
  const ENDPOINTS: Endpoint[] = [
    { method: 'GET', path: '/health', as: 'anon' },
    { method: 'GET', path: `${API}/sandbox/clock`, as: 'anon' },
    { method: 'PUT', path: `${API}/sandbox/clock`, as: 'anon', body: () => ({ now: '2027-03-01T10:00:00+05:00' }) },
    {
      method: 'POST',
      path: `${API}/auth/register`,
      as: 'anon',
      body: () => ({ email: `fuzz-${unique()}@example.test`, password: 'Correct-horse-42', displayName: 'Fuzz', locale: 'en' }),
    },
    { method: 'POST', path: `${API}/auth/verify-email`, as: 'anon', body: () => ({ token: 'a'.repeat(43) }) },
    { method: 'POST', path: `${API}/auth/verify-email/resend`, as: 'unverified' },
    {
      method: 'POST',
      path: `${API}/auth/login`,
      as: 'anon',
      body: () => ({ email: users.citizen.user.email, password: 'Correct-horse-42' }),
    },
    { method: 'POST', path: `${API}/auth/logout`, as: 'citizen' },
    { method: 'POST', path: `${API}/auth/logout-all`, as: 'citizen' },
    { method: 'POST', path: `${API}/auth/password-reset/request`, as: 'anon', body: () => ({ email: users.citizen.user.email }) },
    {
      method: 'POST',
      path: `${API}/auth/password-reset/confirm`,
      as: 'anon',
      body: () => ({ token: 'a'.repeat(43), password: 'Another-horse-43' }),
    },
    { method: 'GET', path: `${API}/me`, as: 'citizen' },
    {
      method: 'POST',
      path: `${API}/admin/users`,
      as: 'admin',
      body: () => ({
        email: `staff-${unique()}@example.test`,
        password: 'Correct-horse-42',
        displayName: 'Staff',
        role: 'organizer',
        organizationId: ids.organization,
        locale: 'ru',
      }),
    },
    { method: 'GET', path: `${API}/calendar/{year}`, as: 'anon', params: { year: () => '2027' } },
    {
      method: 'PUT',
      path: `${API}/admin/calendar/{date}`,
      as: 'admin',
      params: { date: () => '2027-12-31' },
      body: () => ({ working: false, reason: 'Transfer' }),
    },
    { method: 'DELETE', path: `${API}/admin/calendar/{date}`, as: 'admin', params: { date: () => '2027-12-31' } },
    { method: 'POST', path: `${API}/admin/councils`, as: 'admin', body: () => ({ name: 'Council' }) },
    { method: 'GET', path: `${API}/admin/councils`, as: 'admin' },
    {
      method: 'POST',
      path: `${API}/admin/organizations`,
      as: 'admin',
      body: () => ({ name: 'Akimat', bin: makeBin(), address: 'Almaty', timeZone: 'Asia/Almaty', councilId: ids.council }),
    },
    { method: 'GET', path: `${API}/admin/organizations`, as: 'admin' },
    { method: 'GET', path: `${API}/organizations`, as: 'anon' },
    {
      method: 'POST',
      path: `${API}/plans`,
      as: 'organizer',
      body: () => ({
        title: 'Roof',
        description: 'Repair',
        subjectCode: '452112.000.000000',
        amount: 1_000_000,
        method: 'open_tender',
        plannedQuarter: '2027-Q3',
        deliveryPlace: 'Almaty',
      }),
    },
    { method: 'POST', path: `${API}/plan-imports/preview`, as: 'organizer', body: () => ({ csv: IMPORT_CSV }) },
    { method: 'POST', path: `${API}/plan-imports`, as: 'organizer', body: () => ({ csv: IMPORT_CSV }) },
    { method: 'GET', path: `${API}/plans`, as: 'anon', query: ['status', 'organizationId', 'q', 'limit', 'cursor'] },
    { method: 'POST', path: `${API}/plans/{id}/publish`, as: 'organizer', params: { id: id('draft') } },
    { method: 'GET', path: `${API}/plans/{id}`, as: 'anon', params: { id: id('open') } },
    {
      method: 'POST',
      path: `${API}/plans/{id}/remarks`,
      as: 'citizen',
      params: { id: id('open') },
      body: () => ({ body: 'The estimate is too high' }),
    },
    { method: 'GET', path: `${API}/plans/{id}/remarks`, as: 'anon', params: { id: id('open') }, query: ['stage', 'limit', 'cursor'] },
    {
      method: 'POST',
      path: `${API}/remarks/{id}/answer`,
      as: 'organizer',
      params: { id: id('remark') },
      body: () => ({ body: 'The estimate was recalculated.', disposition: 'accepted' }),
    },
    {
      method: 'POST',
      path: `${API}/remarks/{id}/answer/corrections`,
      as: 'organizer',
      params: { id: id('remark') },
      body: () => ({ body: 'The estimate was recalculated again.', disposition: 'partially_accepted', reason: 'Typo' }),
    },
    {
      method: 'PUT',
      path: `${API}/remarks/{id}/verdict`,
      as: 'citizen',
      params: { id: id('remark') },
      body: () => ({ verdict: 'formal', reason: 'The answer does not address the remark.', answerVersion: 1 }),
    },
    // moderation (issue 16)
    {
      method: 'POST',
      path: `${API}/remarks/{id}/reports`,
      as: 'citizen',
      params: { id: id('remark') },
      body: () => ({ reason: 'insult', text: 'Rude words' }),
    },
    { method: 'GET', path: `${API}/moderation/queue`, as: 'moderator', query: ['limit', 'cursor'] },
    {
      method: 'POST',
      path: `${API}/remarks/{id}/moderation`,
      as: 'moderator',
      params: { id: id('remark') },
      body: () => ({ action: 'keep', reason: 'insult', note: 'Criticism, not an insult' }),
    },
    {
      method: 'POST',
      path: `${API}/remarks/{id}/appeal`,
      as: 'citizen',
      params: { id: id('remark') },
      body: () => ({ text: 'It was criticism of the plan.' }),
    },
    { method: 'GET', path: `${API}/remarks/{id}/moderation`, as: 'moderator', params: { id: id('remark') } },
    { method: 'GET', path: `${API}/plans/{id}/hearing/allowed-dates`, as: 'anon', params: { id: id('closed') } },
    { method: 'GET', path: `${API}/plans/{id}/hearing`, as: 'anon', params: { id: id('closed') } },
    {
      method: 'PUT',
      path: `${API}/plans/{id}/hearing`,
      as: 'organizer',
      params: { id: id('closed') },
      body: () => ({ startsAt: '2027-03-03T10:00:00+05:00', room: 'Hall 2', livestreamUrl: 'https://live.example.kz/x' }),
    },
    {
      method: 'DELETE',
      path: `${API}/plans/{id}/hearing`,
      as: 'organizer',
      params: { id: id('closed') },
      body: () => ({ reason: 'The hall is flooded' }),
    },
    { method: 'GET', path: `${API}/plans/{id}/hearing.ics`, as: 'anon', params: { id: id('closed') } },
    { method: 'POST', path: `${API}/plans/{id}/follow`, as: 'citizen', params: { id: id('open') } },
    { method: 'DELETE', path: `${API}/plans/{id}/follow`, as: 'citizen', params: { id: id('open') } },
    { method: 'POST', path: `${API}/plans/{id}/hearing/signup`, as: 'citizen', params: { id: id('closed') } },
    { method: 'DELETE', path: `${API}/plans/{id}/hearing/signup`, as: 'citizen', params: { id: id('closed') } },
    { method: 'GET', path: `${API}/plans/{id}/hearing/protocol`, as: 'anon', params: { id: id('protocol') } },
    { method: 'POST', path: `${API}/plans/{id}/hearing/protocol`, as: 'organizer', params: { id: id('closed') }, body: protocolBody },
    {
      method: 'POST',
      path: `${API}/plans/{id}/hearing/protocol/corrections`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ ...protocolBody(), reason: 'Typo' }),
    },
    { method: 'GET', path: `${API}/plans/{id}/review`, as: 'anon', params: { id: id('protocol') } },
    {
      method: 'POST',
      path: `${API}/plans/{id}/review/positions`,
      as: 'chair',
      params: { id: id('protocol') },
      body: () => ({ position: 'object', text: 'Too expensive', recommendations: ['Lower the price'] }),
    },
    { method: 'POST', path: `${API}/plans/{id}/review/close`, as: 'chair', params: { id: id('protocol') } },
    {
      method: 'POST',
      path: `${API}/recommendations/{id}/response`,
      as: 'organizer',
      params: { id: id('recommendation') },
      body: () => ({ accepted: true, text: 'Two lots' }),
    },
    {
      method: 'POST',
      path: `${API}/recommendations/{id}/response/corrections`,
      as: 'organizer',
      params: { id: id('recommendation') },
      body: () => ({ accepted: false, text: 'One lot after all', reason: 'Budget' }),
    },
    { method: 'POST', path: `${API}/plans/{id}/notice`, as: 'organizer', params: { id: id('protocol') }, body: noticeBody },
    { method: 'GET', path: `${API}/plans/{id}/notice`, as: 'anon', params: { id: id('protocol') } },
    {
      method: 'POST',
      path: `${API}/plans/{id}/notice/corrections`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ ...noticeBody(), reason: 'Wrong file' }),
    },
    {
      method: 'POST',
      path: `${API}/plans/{id}/commitments`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ commitments: [{ remarkId: ids.remark, status: 'not_implemented', explanation: 'Not kept: the law forbids it' }] }),
    },
    {
      method: 'PUT',
      path: `${API}/remarks/{id}/commitment-verdict`,
      as: 'citizen',
      params: { id: id('remark') },
      body: () => ({ verdict: 'disputed', reason: 'The documentation does not keep it' }),
    },
    {
      method: 'POST',
      path: `${API}/plans/{id}/outcome`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ decision: 'proceed', summary: 'Proceeding' }),
    },
    { method: 'GET', path: `${API}/plans/{id}/outcome`, as: 'anon', params: { id: id('protocol') } },
    {
      method: 'POST',
      path: `${API}/plans/{id}/outcome/corrections`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ decision: 'amend', summary: 'Amending', reason: 'Changed' }),
    },
    { method: 'GET', path: `${API}/plans/{id}/report`, as: 'anon', params: { id: id('protocol') }, query: ['format'] },
    // Two state languages (issue 15): a draft's edit and the translations of published texts.
    {
      method: 'PATCH',
      path: `${API}/plans/{id}`,
      as: 'organizer',
      params: { id: id('draft') },
      body: () => ({ title: { kk: 'Мектеп', ru: 'Школа' }, amount: 5 }),
    },
    {
      method: 'PUT',
      path: `${API}/plans/{id}/translations`,
      as: 'organizer',
      params: { id: id('open') },
      body: () => ({ title: { en: 'School' }, description: { en: 'A school' } }),
    },
    {
      method: 'PUT',
      path: `${API}/admin/councils/{id}/translations`,
      as: 'admin',
      params: { id: id('council') },
      body: () => ({ name: { kk: 'Кеңес', en: 'Council' } }),
    },
    {
      method: 'PUT',
      path: `${API}/admin/organizations/{id}/translations`,
      as: 'admin',
      params: { id: id('organization') },
      body: () => ({ name: { en: 'Akimat' }, address: { en: 'Almaty' } }),
    },
    {
      method: 'PUT',
      path: `${API}/remarks/{id}/answer/translations`,
      as: 'organizer',
      params: { id: id('remark') },
      body: () => ({ body: { en: 'The answer in English, long enough.' } }),
    },
    {
      method: 'PUT',
      path: `${API}/plans/{id}/hearing/translations`,
      as: 'organizer',
      params: { id: id('closed') },
      body: () => ({ room: { en: 'Hall 2' } }),
    },
    {
      method: 'PUT',
      path: `${API}/plans/{id}/hearing/protocol/translations`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ summary: { en: 'Discussed' }, speakers: [{ en: 'A speaker' }], decisions: [null] }),
    },
    {
      method: 'PUT',
      path: `${API}/plans/{id}/review/positions/mine/translations`,
      as: 'chair',
      params: { id: id('protocol') },
      body: () => ({ text: { en: 'Too expensive' }, recommendations: [{ en: 'Lower the price' }] }),
    },
    {
      method: 'PUT',
      path: `${API}/recommendations/{id}/response/translations`,
      as: 'organizer',
      params: { id: id('recommendation') },
      body: () => ({ text: { en: 'Two lots' } }),
    },
    {
      method: 'PUT',
      path: `${API}/plans/{id}/notice/translations`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ documents: [{ title: { en: 'Specification' } }] }),
    },
    {
      method: 'PUT',
      path: `${API}/plans/{id}/outcome/translations`,
      as: 'organizer',
      params: { id: id('protocol') },
      body: () => ({ summary: { en: 'Proceeding' } }),
    },
    { method: 'GET', path: `${API}/statistics`, as: 'anon' },
    { method: 'GET', path: `${API}/statistics/organizations/{id}`, as: 'anon', params: { id: id('organization') } },
    { method: 'GET', path: `${API}/feeds/plans.atom`, as: 'anon', query: ['organizationId', 'lang'] },
    { method: 'GET', path: `${API}/feeds/hearings.ics`, as: 'anon', query: ['organizationId', 'lang'] },
    { method: 'GET', path: `${API}/export/remarks.csv`, as: 'anon', query: ['since', 'organizationId'] },
    { method: 'GET', path: `${API}/export/remarks.json`, as: 'anon', query: ['since', 'organizationId'] },
    { method: 'GET', path: `${API}/ocds/releases/{planId}`, as: 'anon', params: { planId: id('protocol') }, query: ['cursor', 'limit'] },
    { method: 'GET', path: `${API}/ocds/releases`, as: 'anon', query: ['since', 'cursor', 'limit'] },
  ];

  interface Sent {
    method: Method;
    url: string;
    headers: Record<string, string>;
    body?: string;
  }

  async function send(req: Sent) {
    let r = t.http[req.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](req.url);
    for (const [k, v] of Object.entries(req.headers)) r = r.set(k, v);
    if (req.body !== undefined) r = r.send(req.body);
    return r;
  }

  function authHeaders(auth: AuthCase, defaultWho: Who): Record<string, string> {
    const bearer = (tok: string | null): Record<string, string> => (tok ? { Authorization: `Bearer ${tok}` } : {});
    switch (auth.kind) {
      case 'default':
        return bearer(token(defaultWho));
      case 'as':
        return bearer(token(auth.who));
      case 'header':
        return { Authorization: auth.value };
      case 'expired':
        return bearer(t.app.get(TokenService).sign(users.citizen.user.id, -60).token);
      case 'ghost':
        return bearer(t.app.get(TokenService).sign(randomUUID()).token);
      case 'foreign':
        // signed with another secret
        return bearer(
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJpYXQiOjE4MDAwMDAwMDAsImV4cCI6MTkwMDAwMDAwMH0.3Yq2wUuNWmmm0b8Kk8c1Nf0rJ7fUe0L8Xk6CqQ4bN0s',
        );
      case 'cookie':
        return { Cookie: `session=${auth.value}; lang=${auth.value}` };
    }
  }

  /** The invariants every answer keeps; returns a description of the first broken one. */
  async function check(
    req: Sent,
    res: { status: number; headers: Record<string, string>; body: unknown; text: string },
    expect?: { status: number; code: string },
  ): Promise<void> {
    const describe = () =>
      `${req.method} ${req.url.slice(0, 300)} headers=${JSON.stringify(req.headers).slice(0, 300)} body=${(req.body ?? '').slice(0, 300)} -> ${res.status} ${res.text?.slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`5xx: ${describe()}`);
    const isApi = req.url.startsWith('/api') || req.url.startsWith('/health');
    if (res.status >= 400) {
      if (isApi) {
        const error = (res.body as { error?: { code?: unknown; message?: unknown } })?.error;
        if (!/^application\/json/.test(res.headers['content-type'] ?? '')) throw new Error(`error not JSON: ${describe()}`);
        if (!error || typeof error.code !== 'string' || !(error.code in ERRORS))
          throw new Error(`unknown error shape or code: ${describe()}`);
        if (typeof error.message !== 'string' || error.message.length === 0 || /\{\w+\}/.test(error.message))
          throw new Error(`bad error message: ${describe()}`);
        if (ERRORS[error.code as keyof typeof ERRORS].status !== res.status)
          throw new Error(`status ${res.status} does not match code ${error.code}: ${describe()}`);
      }
      const now = await snapshot();
      if (now !== knownState) throw new Error(`a refused request changed the database: ${describe()}\n${diff(knownState, now)}`);
    } else if (req.method !== 'GET') {
      knownState = await snapshot();
    }
    if (expect && (res.status !== expect.status || (res.body as { error?: { code?: string } })?.error?.code !== expect.code)) {
      throw new Error(`expected ${expect.status} ${expect.code}: ${describe()}`);
    }
  }

  function diff(before: string, after: string): string {
    const b = new Map((JSON.parse(before) as { t: string; n: number; h: string }[]).map((r) => [r.t, r]));
    return (JSON.parse(after) as { t: string; n: number; h: string }[])
      .filter((r) => b.get(r.t)?.h !== r.h)
      .map((r) => `${r.t}: ${b.get(r.t)?.n} -> ${r.n} rows`)
      .join(', ');
  }

  function buildUrl(e: Endpoint, params: Record<string, string>, query: [string, string][]): string {
    const path = e.path.replace(/\{(\w+)\}/g, (_, name: string) => encodePathPart(params[name] ?? ''));
    return path + toQueryString(query);
  }

  function bodyOf(b: BodyCase): { body?: string; contentType?: string } {
    if (b.kind === 'none') return {};
    if (b.kind === 'raw') return { body: b.text, contentType: b.contentType };
    return { body: JSON.stringify(b.value) ?? 'null', contentType: 'application/json' };
  }

  it('covers every route of the OpenAPI description', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const fuzzed = ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort();
    expect(fuzzed).toEqual(documented);
  });

  describe.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))('%s', (_name, e) => {
    it(`survives ${RUNS} fuzzed requests`, async () => {
      const params = Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, paramValue(v)]));
      const hasBody = e.method !== 'GET';
      await fc.assert(
        fc.asyncProperty(
          fc.record(params),
          queryCase(e.query ?? []),
          hasBody ? bodyCase(e.body) : fc.constant<BodyCase>({ kind: 'none' }),
          authCase,
          headersCase,
          async (p, query, body, auth, h) => {
            t.clock.set(new Date(START));
            const { body: text, contentType } = bodyOf(body);
            const headers: Record<string, string> = { ...authHeaders(auth, e.as) };
            if (contentType !== undefined) headers['Content-Type'] = contentType;
            if (h.acceptLanguage !== undefined) headers['Accept-Language'] = h.acceptLanguage;
            if (h.idempotencyKey !== undefined) headers['Idempotency-Key'] = h.idempotencyKey;
            if (h.accept !== undefined) headers['Accept'] = h.accept;
            if (h.forwardedFor !== undefined) headers['X-Forwarded-For'] = h.forwardedFor;
            const req: Sent = { method: e.method, url: buildUrl(e, p, query), headers, body: text };
            const res = await send(req);
            await check(req, res);
          },
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      t.clock.set(new Date(START));
    });
  });

  const withBody = () => ENDPOINTS.filter((e) => e.method !== 'GET');
  const validUrl = (e: Endpoint) => buildUrl(e, Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, v()])), []);

  it('an oversize body gets 413 PAYLOAD_TOO_LARGE in the error shape, on every route that takes one (the import: its own code and limit)', async () => {
    for (const e of withBody()) {
      const isImport = e.path.startsWith(`${API}/plan-imports`);
      const big = JSON.stringify({ body: 'x'.repeat(isImport ? IMPORT_JSON_BODY_LIMIT : t.config.bodyLimitBytes) });
      const headers = { ...authHeaders({ kind: 'default' }, e.as), 'Content-Type': 'application/json' };
      const req: Sent = { method: e.method, url: validUrl(e), headers, body: big };
      await check(req, await send(req), { status: 413, code: isImport ? 'IMPORT_TOO_LARGE' : 'PAYLOAD_TOO_LARGE' });
    }
  });

  it('malformed JSON gets 400 MALFORMED_JSON in the error shape, on every route that takes a body', async () => {
    const samples = fc.sample(malformedJson, { seed: SEED, numRuns: 3 });
    for (const e of withBody()) {
      for (const text of ['{"a":', ...samples]) {
        const headers = { ...authHeaders({ kind: 'default' }, e.as), 'Content-Type': 'application/json' };
        const req: Sent = { method: e.method, url: validUrl(e), headers, body: text };
        await check(req, await send(req), { status: 400, code: 'MALFORMED_JSON' });
      }
    }
  });

  it('URLs the router itself refuses (bad percent-encoding, an over-long id) are errors in the same shape', async () => {
    for (const url of [
      `${API}/plans/%E0%A4%A`,
      `${API}/plans/%`,
      `${API}/plans/${'a'.repeat(300)}`,
      `${API}/remarks/${'9'.repeat(250)}/answer`,
      `${API}/no/such/route`,
    ]) {
      for (const method of ['GET', 'POST'] as const) {
        const req: Sent = { method, url, headers: { Authorization: `Bearer ${token('organizer')}` } };
        const res = await send(req);
        await check(req, res);
        expect(res.status).toBe(404);
      }
    }
  });

  it('regressions the fuzzer found (each was a 500 or an unshaped error) are refusals now, and change nothing', async () => {
    const cursor = (k: unknown) => Buffer.from(JSON.stringify(k)).toString('base64url');
    // a plan the fuzzing above cannot have given a hearing
    const noHearing = await createPlan(t, w, {
      publishedAt: new Date('2027-02-01T10:00:00+05:00'),
      stage1ClosesAt: new Date('2027-02-27T23:59:59.999+05:00'),
      stage1CloseDate: '2027-02-27',
      hearingDeadlineDate: '2027-03-09',
    });
    knownState = await snapshot();
    const cases: { req: Sent; status: number; code: string }[] = [
      // hyphens pass a loose [0-9a-f-]{36} check but fail PostgreSQL's uuid cast
      { req: { method: 'GET', url: `${API}/plans/${'-'.repeat(36)}`, headers: {} }, status: 404, code: 'PLAN_NOT_FOUND' },
      {
        req: {
          method: 'POST',
          url: `${API}/remarks/${'0'.repeat(32)}----/answer`,
          headers: { Authorization: `Bearer ${token('organizer')}`, 'Content-Type': 'application/json' },
          body: '{"body":"The estimate was recalculated.","disposition":"accepted"}',
        },
        status: 404,
        code: 'REMARK_NOT_FOUND',
      },
      {
        req: { method: 'GET', url: `${API}/statistics/organizations/${'a'.repeat(36)}`, headers: {} },
        status: 404,
        code: 'ORGANIZATION_NOT_FOUND',
      },
      // PostgreSQL text cannot hold NUL
      {
        req: {
          method: 'POST',
          url: `${API}/plans/${ids.open}/remarks`,
          headers: { Authorization: `Bearer ${token('citizen')}`, 'Content-Type': 'application/json' },
          body: '{"body":"a\\u0000b"}',
        },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      { req: { method: 'GET', url: `${API}/plans?q=a%00b`, headers: {} }, status: 400, code: 'VALIDATION_FAILED' },
      // class-transformer recursed over the whole body and overflowed the stack
      {
        req: {
          method: 'POST',
          url: `${API}/plans/${ids.open}/remarks`,
          headers: { Authorization: `Bearer ${token('citizen')}`, 'Content-Type': 'application/json' },
          body: `{"body":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
        },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      // cursors whose time Date.parse accepts but timestamptz does not, or whose id is no uuid
      {
        req: { method: 'GET', url: `${API}/plans?cursor=${cursor({ t: '+275760-09-13T00:00:00.000Z', id: ids.open })}`, headers: {} },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        req: { method: 'GET', url: `${API}/plans?cursor=${cursor({ t: '2027-02-30T00:00:00.000Z', id: ids.open })}`, headers: {} },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        req: {
          method: 'GET',
          url: `${API}/plans/${ids.open}/remarks?cursor=${cursor({ t: '2027-03-01T00:00:00.000Z', id: '-'.repeat(36) })}`,
          headers: {},
        },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      // half a surrogate pair made validator's isEmail throw a URIError
      {
        req: {
          method: 'POST',
          url: `${API}/auth/register`,
          headers: { 'Content-Type': 'application/json' },
          body: '{"email":"\\udfff","password":"Correct-horse-42","displayName":"x"}',
        },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      // 33 minus signs nest NOTs past the tsquery stack ("tsquery stack too small")
      { req: { method: 'GET', url: `${API}/plans?q=${'-'.repeat(40)}`, headers: {} }, status: 200, code: '' },
      { req: { method: 'GET', url: `/?q=${'-'.repeat(40)}`, headers: {} }, status: 200, code: '' },
      // ... and so do minus signs with punctuation between them (found in the review of issue 15)
      ...['-(', '-!', '-&', '-|', '-<', '-)', '- ('].map((unit) => ({
        req: { method: 'GET' as const, url: `${API}/plans?q=${encodeURIComponent(unit.repeat(33) + 'a')}`, headers: {} },
        status: 200,
        code: '',
      })),
      { req: { method: 'GET', url: `/?q=${encodeURIComponent('-('.repeat(33) + 'a')}`, headers: {} }, status: 200, code: '' },
      // the route had set text/calendar, so the JSON error could not be sent
      { req: { method: 'GET', url: `${API}/plans/${noHearing.id}/hearing.ics`, headers: {} }, status: 409, code: 'HEARING_NOT_SCHEDULED' },
      // the router's own answer ({"error":"Bad Request","code":"FST_ERR_MAX_PARAM_LENGTH",...}, 414)
      { req: { method: 'GET', url: `${API}/plans/${'a'.repeat(201)}`, headers: {} }, status: 404, code: 'NOT_FOUND' },
    ];
    for (const c of cases) {
      const res = await send(c.req);
      await check(c.req, res, c.status < 400 ? undefined : { status: c.status, code: c.code });
      expect(res.status).toBe(c.status);
    }
  });

  describe('page forms never answer 5xx to garbage (CSRF refusals are fine)', () => {
    // The POST routes of the pages; a route that another change removes just answers 404.
    const FORMS: { path: string; as: Who; fields: string[] }[] = [
      { path: '/login', as: 'anon', fields: ['email', 'password', 'next'] },
      { path: '/logout', as: 'citizen', fields: [] },
      { path: '/logout-everywhere', as: 'citizen', fields: [] },
      { path: '/register', as: 'anon', fields: ['email', 'password', 'displayName', 'locale'] },
      { path: '/forgot-password', as: 'anon', fields: ['email'] },
      { path: '/reset-password', as: 'anon', fields: ['token', 'password'] },
      { path: '/verify-email/resend', as: 'unverified', fields: [] },
      { path: '/plans/{open}/remarks', as: 'citizen', fields: ['body', 'idempotencyKey'] },
      { path: '/plans/{open}/remarks/{remark}/answer', as: 'organizer', fields: ['body', 'disposition'] },
      { path: '/remarks/{remark}/verdict', as: 'citizen', fields: ['verdict', 'reason', 'answerVersion', 'from'] },
      { path: '/plans/{open}/follow', as: 'citizen', fields: ['on', 'following'] },
      { path: '/plans/{closed}/hearing-signup', as: 'citizen', fields: ['on', 'signedUp'] },
      { path: '/council/plans/{protocol}/positions', as: 'chair', fields: ['position', 'text', 'recommendations'] },
      { path: '/council/plans/{protocol}/close', as: 'chair', fields: [] },
      { path: '/admin/organizations', as: 'admin', fields: ['name', 'bin', 'address', 'timeZone', 'councilId'] },
      { path: '/admin/councils', as: 'admin', fields: ['name'] },
      { path: '/admin/users', as: 'admin', fields: ['email', 'password', 'displayName', 'role', 'organizationId', 'councilId', 'isChair'] },
      { path: '/admin/calendar', as: 'admin', fields: ['date', 'working', 'reason'] },
      { path: '/admin/calendar/{date}/delete', as: 'admin', fields: [] },
      { path: '/unsubscribe', as: 'anon', fields: ['List-Unsubscribe', 'token'] },
      { path: '/organizer/import/preview', as: 'organizer', fields: ['csv', 'fileName'] },
      { path: '/organizer/import', as: 'organizer', fields: ['csv', 'fileName'] },
    ];
    const formValue = fc.oneof(
      fuzzString.map((s) => s.slice(0, 12_000)),
      limitNumber.map(String),
    );

    it.each(FORMS.map((f) => [f.path, f] as const))('POST %s', async (_p, form) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.oneof(
                fc.constantFrom(...form.fields, '_csrf', 'lang'),
                fuzzString.map((s) => s.slice(0, 40)),
              ),
              formValue,
            ),
            { maxLength: 6 },
          ),
          fc.constantFrom('valid', 'none', 'garbage'),
          fc.boolean(),
          fc.boolean(),
          fc.option(
            paramValue(() => ids.open),
            { freq: 3 },
          ),
          async (pairs, csrfKind, signedIn, asJson, pathOverride) => {
            t.clock.set(new Date(START));
            const tok = signedIn ? token(form.as) : null;
            const cookie = tok ? `session=${tok}` : 'csrf=fuzzbinding';
            const csrf = t.app.get(Csrf).token({ cookies: tok ? { session: tok } : { csrf: 'fuzzbinding' } } as never);
            const fields = pairs.filter(([k]) => k !== '_csrf');
            if (csrfKind === 'valid') fields.push(['_csrf', csrf ?? '']);
            if (csrfKind === 'garbage') fields.push(['_csrf', pairs.find(([k]) => k === '_csrf')?.[1] ?? 'x.y']);
            const path = form.path.replace(/\{(\w+)\}/g, (_, name: string) => {
              if (name === 'date') return '2027-12-31';
              if (name === 'open' && pathOverride !== null) return encodePathPart(pathOverride);
              return ids[name as keyof typeof ids];
            });
            const body = asJson
              ? JSON.stringify(Object.fromEntries(fields))
              : fields.map(([k, v]) => `${encodePathPart(k)}=${encodePathPart(v)}`).join('&');
            const req: Sent = {
              method: 'POST',
              url: path,
              headers: { Cookie: cookie, 'Content-Type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
              body,
            };
            const res = await send(req);
            await check(req, res);
          },
        ),
        { seed: SEED, numRuns: Math.max(10, Math.round(RUNS / 2)), endOnFailure: true },
      );
    });

    it('the pages read by GET survive odd paths, queries and headers', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            '/',
            '/plans/{id}',
            '/login',
            '/lang/{id}',
            '/view/{id}',
            '/statistics',
            '/my/remarks',
            '/account',
            '/council',
            '/council/plans/{id}',
            '/admin',
            '/admin/users',
            '/admin/calendar',
            '/register',
            '/verify-email',
            '/reset-password',
            '/forgot-password',
            '/unsubscribe',
          ),
          paramValue(() => ids.open),
          queryCase(['q', 'org', 'cursor', 'next', 'status', 'token', 'year', 'lang']),
          authCase,
          headersCase,
          async (template, param, query, auth, h) => {
            const url = template.replace('{id}', encodePathPart(param)) + toQueryString(query);
            const headers: Record<string, string> = { ...authHeaders(auth, 'citizen') };
            if (h.acceptLanguage !== undefined) headers['Accept-Language'] = h.acceptLanguage;
            const req: Sent = { method: 'GET', url, headers };
            await check(req, await send(req));
          },
        ),
        { seed: SEED, numRuns: RUNS * 3, endOnFailure: true },
      );
    });
  });
});
