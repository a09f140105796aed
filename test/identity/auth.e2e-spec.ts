import { createHash } from 'node:crypto';
import { SESSION_COOKIE } from '../../src/identity/auth/auth.guard';
import { RateLimiter } from '../../src/identity/rate-limiter';
import type { ReceivedMail } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const PASSWORD = 'Steppe-wind-2027';

function linkToken(mail: ReceivedMail, path: string): string {
  const text = String(mail.text ?? '');
  const match = new RegExp(`http://talqylau\\.test/${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

describe('identity: register, verify, login, password reset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.app.get(RateLimiter).reset();
  });

  function register(email: string, extra: Record<string, unknown> = {}) {
    return t.http.post('/api/v1/auth/register').send({ email, password: PASSWORD, displayName: 'Aigerim', locale: 'ru', ...extra });
  }

  async function mailTo(address: string, count = 1): Promise<ReceivedMail[]> {
    await t.flushMail();
    const mine = () => t.smtp.messages.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()));
    await t.smtp.waitFor(() => mine().length >= count);
    return mine();
  }

  it('registers, e-mails a link in the user language, verifies, logs in and shows /me', async () => {
    const sent = t.realClock.now().getTime();
    const res = await register('Aigerim.S@Example.kz').expect(201);
    expect(res.body).toEqual({ id: expect.any(String) });

    const [mail] = await mailTo('Aigerim.S@Example.kz');
    expect(mail.subject).toBe('Подтвердите адрес электронной почты');
    const token = linkToken(mail, 'verify-email');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    // only the hash is stored
    const rows = await t.db.query(`SELECT token_hash, purpose, expires_at FROM user_tokens WHERE user_id = $1`, [res.body.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    // 48 hours of real time from the registration (the sandbox clock does not shorten or stretch it)
    const issued = new Date(rows[0].expires_at).getTime() - 48 * 3600 * 1000;
    expect(issued).toBeGreaterThanOrEqual(sent);
    expect(issued).toBeLessThanOrEqual(t.realClock.now().getTime());

    const before = await t.http.post('/api/v1/auth/login').send({ email: 'aigerim.s@example.kz', password: PASSWORD }).expect(200);
    expect(before.body.user).toEqual({ id: res.body.id, role: 'citizen', displayName: 'Aigerim', emailVerified: false });

    await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'AIGERIM.S@example.kz', password: PASSWORD }).expect(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      user: { id: res.body.id, role: 'citizen', displayName: 'Aigerim', emailVerified: true },
    });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({
      id: res.body.id,
      email: 'Aigerim.S@Example.kz',
      role: 'citizen',
      emailVerified: true,
      organization: null,
      council: null,
    });
    // the cookie works as well
    await t.http.get('/api/v1/me').set('Cookie', `${SESSION_COOKIE}=${login.body.accessToken}`).expect(200);

    const logout = await t.http.post('/api/v1/auth/logout').expect(200);
    expect(String(logout.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));

    // the link is single use
    const again = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(400);
    expect(again.body.error.code).toBe('TOKEN_INVALID');
  });

  it('answers a taken address exactly as a new one, makes no second account and tells the owner by one e-mail', async () => {
    const first = await register('dup@example.kz').expect(201);
    await mailTo('dup@example.kz');
    const taken = await register('DUP@EXAMPLE.KZ\u200b', { displayName: 'Someone', locale: 'en' }).expect(201);
    const fresh = await register('fresh-dup@example.kz', { displayName: 'Someone', locale: 'en' }).expect(201);
    // the same status, headers that matter and body shape: nothing tells the two apart
    expect(taken.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));
    expect(taken.headers['content-type']).toBe(fresh.headers['content-type']);
    expect(taken.body.id).not.toBe(first.body.id);
    expect(await t.db.query(`SELECT id FROM users WHERE email_key = 'dup@example.kz'`)).toEqual([{ id: first.body.id }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM users WHERE id = $1`, [taken.body.id])).toEqual([{ n: 0 }]);
    // the owner gets one e-mail in the owner's language (ru), with no link that changes anything
    const mails = await mailTo('dup@example.kz', 2);
    expect(mails.map((m) => m.subject)).toEqual(['Подтвердите адрес электронной почты', 'Ваша учётная запись talqylau']);
    expect(mails[1].text).toContain('http://talqylau.test/forgot-password');
    expect(mails[1].text).not.toContain('token=');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM user_tokens WHERE user_id = $1`, [first.body.id])).toEqual([{ n: 1 }]);
  });

  it.each([
    ['too short', 'Short-1'],
    ['common', 'password123'],
    ['sequence', '1234567890'],
    ['one character', 'aaaaaaaaaaaa'],
    ['huge', 'x'.repeat(10_000)],
  ])('refuses a %s password with WEAK_PASSWORD', async (_label, password) => {
    const res = await register(`weak-${password.length}-${password.slice(0, 3)}@example.kz`, { password }).expect(400);
    expect(res.body.error.code).toBe('WEAK_PASSWORD');
  });

  it('refuses a malformed e-mail with VALIDATION_FAILED', async () => {
    const res = await register('not-an-email').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details[0].field).toBe('email');
  });

  it('refuses a display name with a phone number, an identity number or an e-mail address: it is published beside remarks', async () => {
    for (const displayName of ['Aliya 8 701 234 56 78', 'aliya.n@mail.kz', 'Әлия 850115300011']) {
      const res = await register(`name-${Math.random().toString(36).slice(2)}@example.kz`, { displayName }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'displayName', constraint: 'noPersonalData' })]);
    }
    await register(`name-bin@example.kz`, { displayName: 'ТОО 940240000438' }).expect(201);
  });

  it('refuses an expired verification link and an unknown one', async () => {
    await register('late@example.kz').expect(201);
    const token = linkToken((await mailTo('late@example.kz'))[0], 'verify-email');
    // links live in real time: the sandbox clock a week on changes nothing
    t.clock.advance(7 * 24 * 3600 * 1000);
    t.realClock.advance(48 * 3600 * 1000 + 1000);
    try {
      const res = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(400);
      expect(res.body.error.code).toBe('TOKEN_EXPIRED');
    } finally {
      t.clock.advance(-7 * 24 * 3600 * 1000);
      t.realClock.reset();
    }
    const unknown = await t.http.post('/api/v1/auth/verify-email').send({ token: 'nope' }).expect(400);
    expect(unknown.body.error.code).toBe('TOKEN_INVALID');
  });

  it('resets a password end to end; the link works once and for an hour', async () => {
    await register('reset@example.kz', { locale: 'en' }).expect(201);
    await mailTo('reset@example.kz');
    await t.http.post('/api/v1/auth/password-reset/request').send({ email: 'RESET@example.kz' }).expect(200);
    const mails = await mailTo('reset@example.kz', 2);
    const resetMail = mails.find((m) => m.subject === 'Reset your password')!;
    const token = linkToken(resetMail, 'reset-password');

    const weak = await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: 'qwertyuiop' }).expect(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    // a verification-purpose check: a reset token is not an e-mail verification token
    expect((await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(400)).body.error.code).toBe('TOKEN_INVALID');

    await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: 'New-steppe-wind-2028' }).expect(200);
    await t.http.post('/api/v1/auth/login').send({ email: 'reset@example.kz', password: PASSWORD }).expect(401);
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'reset@example.kz', password: 'New-steppe-wind-2028' }).expect(200);
    expect(login.body.user.emailVerified).toBe(true);
    const reused = await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: 'Another-steppe-2029' }).expect(400);
    expect(reused.body.error.code).toBe('TOKEN_INVALID');

    // a second link expires after one hour
    await t.http.post('/api/v1/auth/password-reset/request').send({ email: 'reset@example.kz' }).expect(200);
    const latest = (await mailTo('reset@example.kz', 3)).filter((m) => m.subject === 'Reset your password').pop()!;
    t.realClock.advance(3600 * 1000 + 1);
    try {
      const expired = await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token: linkToken(latest, 'reset-password'), password: 'Another-steppe-2029' })
        .expect(400);
      expect(expired.body.error.code).toBe('TOKEN_EXPIRED');
    } finally {
      t.realClock.reset();
    }
  });

  it('answers a reset request for an unknown e-mail with 200 and sends nothing', async () => {
    const res = await t.http.post('/api/v1/auth/password-reset/request').send({ email: 'nobody@example.kz' }).expect(200);
    expect(res.body).toEqual({ requested: true });
    await t.flushMail();
    expect(t.smtp.to('nobody@example.kz')).toHaveLength(0);
  });

  it('gives identical 401 bodies for an unknown e-mail and a wrong password', async () => {
    await register('known@example.kz').expect(201);
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: 'known@example.kz', password: 'Wrong-password-1' }).expect(401);
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'unknown@example.kz', password: 'Wrong-password-1' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const huge = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'known@example.kz', password: 'x'.repeat(10_000) })
      .expect(401);
    expect(huge.body).toEqual(unknown.body);
  });

  it.each([
    ['en', 'Wrong e-mail address or password.'],
    ['ru-RU,ru;q=0.9', 'Неверный адрес электронной почты или пароль.'],
    ['kk', 'Электрондық пошта мекенжайы немесе құпиясөз қате.'],
  ])('localizes errors by Accept-Language (%s)', async (lang, message) => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Accept-Language', lang)
      .send({ email: 'unknown@example.kz', password: 'Wrong-password-1' })
      .expect(401);
    expect(res.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message } });
  });

  it('documents the identity routes in the OpenAPI description', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/auth/logout-all',
        '/api/v1/auth/verify-email',
        '/api/v1/me',
        '/api/v1/admin/users',
        '/api/v1/admin/organizations',
        '/api/v1/organizations',
      ]),
    );
  });

  it('needs a sign-in for /me', async () => {
    const res = await t.http.get('/api/v1/me').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    await t.http.get('/api/v1/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('rate-limits login per e-mail and IP address and per IP address with 429 RATE_LIMITED', async () => {
    const limiter = t.app.get(RateLimiter);
    expect(limiter.limits.perEmail).toBe(10);
    const attempt = (email: string, ip: string) =>
      t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password: 'Wrong-password-1' });
    // per e-mail and address (from changing addresses an account is slowed down: test/identity/rate-limits.e2e-spec.ts)
    for (let i = 0; i < 10; i++) expect((await attempt('target@example.kz', '10.0.0.1')).status).toBe(401);
    const limited = await attempt('TARGET@example.kz', '10.0.0.1').set('Accept-Language', 'ru');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'RATE_LIMITED', message: 'Слишком много попыток. Повторите позже.' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // other e-mails are unaffected
    expect((await attempt('other@example.kz', '10.0.1.2')).status).toBe(401);
    // successful sign-ins do not use up the e-mail's budget
    await t.http.post('/api/v1/auth/register').send({ email: 'often@example.kz', password: PASSWORD, displayName: 'Often' }).expect(201);
    for (let i = 0; i < 12; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '10.0.2.1')
        .send({ email: 'often@example.kz', password: PASSWORD })
        .expect(200);
    }

    // per IP address, with a low limit for this test
    limiter.configure({ perIp: 5 });
    try {
      for (let i = 0; i < 5; i++) expect((await attempt(`spray${i}@example.kz`, '10.9.9.9')).status).toBe(401);
      expect((await attempt('spray-last@example.kz', '10.9.9.9')).status).toBe(429);
      const reg = await t.http
        .post('/api/v1/auth/register')
        .set('X-Forwarded-For', '10.9.9.9')
        .send({ email: 'x1@example.kz', password: PASSWORD, displayName: 'X' });
      expect(reg.status).toBe(201); // register is counted separately
    } finally {
      limiter.configure({ perIp: 200 });
    }
  });
});
