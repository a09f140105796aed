import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '../../src/identity/auth/auth.guard';
import { TokenService } from '../../src/identity/auth/token.service';
import { RateLimiter } from '../../src/identity/rate-limiter';
import type { CreatedUser } from '../support/factories';
import { createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const API = '/api/v1';
const DAY = 24 * 3600 * 1000;

/** The hidden CSRF token of the form posting to `action`. */
function csrfOf(page: string, action: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page.slice(page.indexOf(`action="${action}"`)));
  if (!match) throw new Error(`no CSRF field in the form of ${action}`);
  return match[1];
}

/**
 * Sessions end when they should, on the API and the pages alike: signing out ends that session,
 * "sign out everywhere" and a password reset end all of them, on every instance from the next
 * request (whatever the verified-token cache holds). They run on real time, not the sandbox clock.
 */
describe('sessions: sign-out, sign-out everywhere and a password reset end them; the sandbox clock does not', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(RateLimiter).configure({ perIp: 1e9, perEmail: 1e9 });
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    t.realClock.reset();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const cookie = (token: string) => ({ Cookie: `${SESSION_COOKIE}=${token}` });

  /** A new session through the API's sign-in; its token is also what the session cookie holds. */
  async function signIn(who: CreatedUser, password = PASSWORD, app = t): Promise<string> {
    const res = await app.http.post(`${API}/auth/login`).send({ email: who.user.email, password }).expect(200);
    return res.body.accessToken as string;
  }

  /**
   * Whether the session works: for the API as a bearer token and as the cookie, and for the pages
   * (the account page of every role). Either all three accept it or all three refuse it.
   */
  async function works(token: string, app = t): Promise<boolean> {
    const api = await app.http.get(`${API}/me`).set(bearer(token));
    const apiCookie = await app.http.get(`${API}/me`).set(cookie(token));
    const page = await app.http.get('/account').set(cookie(token));
    const statuses = [api.status, apiCookie.status, page.status];
    if (statuses.every((s) => s === 200)) return true;
    expect(statuses).toEqual([401, 401, 303]);
    expect(api.body.error.code).toBe('UNAUTHENTICATED');
    expect(page.headers.location).toBe('/login?next=%2Faccount');
    return false;
  }

  /** Posts a form of the account page, signed in with the session cookie. */
  async function postAccountForm(token: string, action: string): Promise<void> {
    const page = await t.http.get('/account').set(cookie(token)).expect(200);
    const res = await t.http
      .post(action)
      .set(cookie(token))
      .type('form')
      .send({ _csrf: csrfOf(page.text, action) })
      .expect(303);
    expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
  }

  it('signing out through the API ends that session (bearer and cookie, API and pages), and no other', async () => {
    const who = await createUser(t, 'citizen');
    const [one, two] = [await signIn(who), await signIn(who)];
    expect(await works(one)).toBe(true);
    const out = await t.http.post(`${API}/auth/logout`).set(bearer(one)).expect(200);
    expect(out.body).toEqual({ loggedOut: true });
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect(await works(one)).toBe(false);
    expect(await works(two)).toBe(true);
    // signing out again, or without a session, is harmless
    await t.http.post(`${API}/auth/logout`).set(bearer(one)).expect(200);
    await t.http.post(`${API}/auth/logout`).expect(200);
    await t.http
      .post(`${API}/auth/logout`)
      .set(bearer(t.app.get(TokenService).sign(randomUUID()).token))
      .expect(200);
    expect(await works(two)).toBe(true);
  });

  it('signing out on the pages ends the session of the cookie, and no other', async () => {
    const who = await createUser(t, 'organizer');
    const [one, two] = [await signIn(who), await signIn(who)];
    const account = await t.http.get('/account').set(cookie(one)).expect(200);
    expect(account.text).toContain('<h1>Your account</h1>');
    expect(account.text).toContain(`${who.user.email}`);
    expect(account.text).toContain('action="/logout-everywhere"');
    await postAccountForm(one, '/logout');
    expect(await works(one)).toBe(false);
    expect(await works(two)).toBe(true);
  });

  it('a password reset ends every session of the account; the new password signs in', async () => {
    const who = await createUser(t, 'citizen');
    const [one, two] = [await signIn(who), await signIn(who)];
    const other = await createUser(t, 'citizen');
    const bystander = await signIn(other);
    await t.http.post(`${API}/auth/password-reset/request`).send({ email: who.user.email }).expect(200);
    await t.flushMail();
    const mail = t.smtp.to(who.user.email).at(-1)!;
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(String(mail.text))![1];
    await t.http.post(`${API}/auth/password-reset/confirm`).send({ token, password: 'Brand-new-steppe-42' }).expect(200);
    expect(await works(one)).toBe(false);
    expect(await works(two)).toBe(false);
    expect(await works(bystander)).toBe(true);
    expect(await works(await signIn(who, 'Brand-new-steppe-42'))).toBe(true);
  });

  it('"sign out everywhere" through the API ends every session of the user, and only theirs', async () => {
    const who = await createUser(t, 'council_member');
    const sessions = [await signIn(who), await signIn(who), who.token];
    const other = await createUser(t, 'citizen');
    const bystander = await signIn(other);
    await t.http.post(`${API}/auth/logout-all`).expect(401);
    const out = await t.http.post(`${API}/auth/logout-all`).set(bearer(sessions[0])).expect(200);
    expect(out.body).toEqual({ loggedOut: true });
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    for (const token of sessions) expect(await works(token)).toBe(false);
    expect(await works(bystander)).toBe(true);
    // signing in again afterwards works at once
    expect(await works(await signIn(who))).toBe(true);
  });

  it('"sign out everywhere" on the account page ends every session of the user', async () => {
    const who = await createUser(t, 'admin');
    const [one, two] = [await signIn(who), await signIn(who)];
    await postAccountForm(one, '/logout-everywhere');
    expect(await works(one)).toBe(false);
    expect(await works(two)).toBe(false);
    expect(await works(await signIn(who))).toBe(true);
  });

  it('an ended session is refused by every instance on its next request, though each has verified the token before', async () => {
    const second = await startTestApp({ databaseUrl: t.config.databaseUrl! });
    try {
      const who = await createUser(t, 'citizen');
      const [one, two] = [await signIn(who), await signIn(who, PASSWORD, second)];
      // both instances have verified (and cached) both tokens
      for (const app of [t, second]) for (const token of [one, two]) expect(await works(token, app)).toBe(true);
      await second.http.post(`${API}/auth/logout`).set(bearer(one)).expect(200);
      expect(await works(one, t)).toBe(false);
      expect(await works(two, t)).toBe(true);
      await t.http.post(`${API}/auth/logout-all`).set(bearer(two)).expect(200);
      expect(await works(two, second)).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('runs on real time: the sandbox clock 40 days on (or back) signs nobody out, 12 hours of real time do', async () => {
    const who = await createUser(t, 'citizen');
    const token = await signIn(who);
    const start = t.clock.now();
    try {
      await t.http
        .put(`${API}/sandbox/clock`)
        .send({ now: new Date(start.getTime() + 40 * DAY).toISOString() })
        .expect(200);
      expect(await works(token)).toBe(true);
      expect(await works(await signIn(who))).toBe(true);
      t.clock.set(new Date(start.getTime() - 40 * DAY));
      expect(await works(token)).toBe(true);
    } finally {
      t.clock.set(start);
    }
    t.realClock.advance(12 * 3600 * 1000 - 60_000);
    expect(await works(token)).toBe(true);
    t.realClock.advance(60_000);
    expect(await works(token)).toBe(false);
  });

  it('refuses a genuine token of before sessions could be revoked (no session id)', async () => {
    const who = await createUser(t, 'citizen');
    const iat = Math.floor(Date.now() / 1000);
    const legacy = new JwtService({ secret: t.config.sessionSecret! }).sign({ sub: who.user.id, iat, exp: iat + 3600 });
    expect(await works(legacy)).toBe(false);
  });
});
