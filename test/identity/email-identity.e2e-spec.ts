import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { EmailIdentity1795500200000 } from '../../migrations/1795500200000-EmailIdentity';
import { isUniqueViolation } from '../../src/database/db-errors';
import { emailKey } from '../../src/identity/email-identity';
import { RateLimiter } from '../../src/identity/rate-limiter';
import { User } from '../../src/identity/user.entity';
import { UsersRepository } from '../../src/identity/users.repository';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const PASSWORD = 'Steppe-wind-2027';
const API = '/api/v1';

/** Default-ignorable code points (show nothing): a variant with them is the same mailbox. */
const IGNORABLE = ['\u200b', '\u2060', '\ufe0f', '\u00ad', '\u200c', '\u200d', '\ufeff', '\u034f', '\u180e', '\u{e0020}', '\u3164'];
/** Left after normalization, these are refused: controls, separators, a non-ignorable format character, the blank braille pattern. */
const REFUSED = ['\u0001', '\u001b', '\u0085', '\u2028', '\u0600', '\u2800', ' '];

/** A character another way: upper case, fullwidth, mathematical bold or circled (NFKC and lower case bring it back). */
function respell(c: string, form: number): string {
  const code = c.codePointAt(0)!;
  if (form === 1) return c.toUpperCase();
  if (form === 2 && code >= 0x21 && code <= 0x7e) return String.fromCodePoint(code + 0xfee0);
  if (form === 3 && /[a-z]/.test(c)) return String.fromCodePoint(0x1d41a + code - 0x61);
  if (form === 4 && /[a-z]/.test(c)) return String.fromCodePoint(0x24d0 + code - 0x61);
  return c;
}

/** Variants of `address`: respelled characters, ignorable characters anywhere and, sometimes, one refused character inside. */
function variants(address: string): fc.Arbitrary<{ variant: string; refused: boolean }> {
  const chars = [...address];
  const n = chars.length;
  return fc
    .record({
      forms: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
      inserted: fc.array(fc.option(fc.constantFrom(...IGNORABLE), { freq: 2 }), { minLength: n + 1, maxLength: n + 1 }),
      bad: fc.option(fc.record({ char: fc.constantFrom(...REFUSED), at: fc.integer({ min: 1, max: n - 1 }) }), { freq: 4 }),
    })
    .map(({ forms, inserted, bad }) => {
      const parts = chars.map((c, i) => (bad && bad.at === i ? bad.char : '') + respell(c, forms[i]) + (inserted[i + 1] ?? ''));
      return { variant: (inserted[0] ?? '') + parts.join(''), refused: bad !== null };
    });
}

describe('one mailbox, one account: e-mail normalization against the unique index (issue 13)', () => {
  let t: TestApp;
  const owners: Record<string, string> = {};
  const BASES = ['olga@example.kz', 'aigul@пример.қаз'];

  beforeAll(async () => {
    t = await startTestApp();
    for (const base of BASES) {
      await t.http.post(`${API}/auth/register`).send({ email: base, password: PASSWORD, displayName: 'Owner', locale: 'ru' }).expect(201);
      owners[base] = (await t.db.getRepository(User).findOneByOrFail({ emailKey: emailKey(base) })).id;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores the address normalized: an IDN domain in ASCII', async () => {
    const owner = await t.db.getRepository(User).findOneByOrFail({ id: owners['aigul@пример.қаз'] });
    expect(owner).toMatchObject({ email: 'aigul@xn--e1afmkfd.xn--80ao21a', emailKey: 'aigul@xn--e1afmkfd.xn--80ao21a' });
  });

  it.each([
    ['U+200B', 'olga@example.kz\u200b'],
    ['U+2060', 'olga@example.kz\u2060'],
    ['U+FE0F', 'olga@example.kz\ufe0f'],
    ['a soft hyphen in the domain', 'olga@exam\u00adple.kz'],
    ['fullwidth letters', 'ｏｌｇａ@example.kz'],
    ['the punycode domain', 'aigul@xn--e1afmkfd.xn--80ao21a'],
  ])('maps the variant with %s to the existing account: no second account, and it signs in to the first', async (_label, variant) => {
    await t.app.get(RateLimiter).reset();
    const users = await t.db.getRepository(User).count();
    await t.http
      .post(`${API}/auth/register`)
      .send({ email: variant, password: 'Other-steppe-2099', displayName: 'Fake', locale: 'en' })
      .expect(201);
    expect(await t.db.getRepository(User).count()).toBe(users);
    const login = await t.http.post(`${API}/auth/login`).send({ email: variant, password: PASSWORD }).expect(200);
    expect(Object.values(owners)).toContain(login.body.user.id);
  });

  it('refuses a variant with a control character left, on the e-mail field', async () => {
    const res = await t.http
      .post(`${API}/auth/register`)
      .send({ email: 'ol\u0007ga@example.kz', password: 'Other-steppe-2099', displayName: 'Fake' })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email', constraint: 'visibleEmail' })]),
    );
  });

  it('fuzz: every generated variant is refused or maps to the one account, through the API and the unique index', async () => {
    const users = t.app.get(UsersRepository);
    const before = await t.db.getRepository(User).count();
    for (const base of BASES) {
      await fc.assert(
        fc.asyncProperty(variants(base), async ({ variant, refused }) => {
          await t.app.get(RateLimiter).reset();
          const res = await t.http
            .post(`${API}/auth/register`)
            .send({ email: variant, password: 'Other-steppe-2099', displayName: 'Fuzz', locale: 'en' });
          if (refused) {
            expect(res.status).toBe(400);
            expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
            return;
          }
          expect(res.status).toBe(201);
          const login = await t.http.post(`${API}/auth/login`).send({ email: variant, password: PASSWORD });
          expect(login.status).toBe(200);
          expect(login.body.user.id).toBe(owners[base]);
          // the index itself: a row keyed by the variant is the same key
          const insert = users.insert(t.db, {
            email: variant,
            emailKey: emailKey(variant),
            passwordHash: 'x',
            displayName: 'Fuzz',
            locale: 'en',
            role: 'citizen',
            organizationId: null,
            councilId: null,
            isChair: false,
            emailVerifiedAt: null,
          });
          const error: unknown = await insert.then(
            () => null,
            (e: unknown) => e,
          );
          expect(isUniqueViolation(error, 'users_email_key_uq')).toBe(true);
        }),
        { numRuns: 20 },
      );
    }
    expect(await t.db.getRepository(User).count()).toBe(before);
  }, 300_000);
});

describe('the migration that checks existing accounts (1795500200000-EmailIdentity)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A row as the old rules stored it: the key only trimmed and lower-cased. */
  async function oldRow(email: string): Promise<string> {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO users (id, email, email_key, password_hash, display_name, role) VALUES ($1, $2, $3, 'x', 'Old', 'citizen')`,
      [id, email, email.trim().toLowerCase()],
    );
    return id;
  }

  it('reports accounts that are one mailbox and leaves them as they are; normalizes the others', async () => {
    const plain = await oldRow('Dup@example.kz');
    const hidden = await oldRow('dup@example.kz\u200b');
    const hyphen = await oldRow('dup@exam\u00adple.kz');
    const solo = await oldRow('Solo@Exam\u00adple.kz\u2060');
    const idn = await oldRow('Aigul@Пример.ҚАЗ');
    const control = await oldRow('ctl\u0001@example.kz');
    const untouched = await oldRow('fine@example.kz');
    const before = await t.db.query(`SELECT id, email, email_key FROM users WHERE id = ANY($1) ORDER BY id`, [
      [plain, hidden, hyphen, control],
    ]);

    const warn = jest.fn();
    const log = jest.fn();
    const original = EmailIdentity1795500200000.logger;
    EmailIdentity1795500200000.logger = { warn, log };
    const runner = t.db.createQueryRunner();
    try {
      await new EmailIdentity1795500200000().up(runner);
    } finally {
      await runner.release();
      EmailIdentity1795500200000.logger = original;
    }

    // the colliding accounts and the refused one: unchanged, and named in the report
    expect(
      await t.db.query(`SELECT id, email, email_key FROM users WHERE id = ANY($1) ORDER BY id`, [[plain, hidden, hyphen, control]]),
    ).toEqual(before);
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    const conflict = warnings.find((w) => w.includes('one mailbox, several accounts'));
    for (const id of [plain, hidden, hyphen]) expect(conflict).toContain(id);
    expect(conflict).toContain('"dup@example.kz"');
    expect(conflict).toContain('"dup@example.kz\\u{200b}"'); // invisible characters spelled out in the log
    expect(warnings.some((w) => w.includes(control) && w.includes('refuse'))).toBe(true);
    expect(warnings.join('\n')).not.toContain(solo);
    // the others now have the new key and address
    const rows = await t.db.getRepository(User).findBy([{ id: solo }, { id: idn }, { id: untouched }]);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[solo]).toMatchObject({ email: 'Solo@Example.kz', emailKey: 'solo@example.kz' });
    expect(byId[idn]).toMatchObject({ email: 'Aigul@xn--e1afmkfd.xn--80ao21a', emailKey: 'aigul@xn--e1afmkfd.xn--80ao21a' });
    expect(byId[untouched]).toMatchObject({ email: 'fine@example.kz', emailKey: 'fine@example.kz' });
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^normalized the e-mail address of \d+ account\(s\)$/)]);
  });
});
