import request from 'supertest';
import { defaultRateLimits, RateLimiter } from '../../src/identity/rate-limiter';
import { createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const WRONG = 'Wrong-password-1';
// the tests name the client with X-Forwarded-For, from a proxy on this machine (one hop)
const env = { TRUST_PROXY: '1' };

/**
 * The rate limits of the sign-in, registration and password reset endpoints, on two instances of the
 * service (two applications on one database, as behind a load balancer): the counts are shared, and
 * a stranger's wrong passwords cannot keep an account's owner out.
 */
describe('rate limits: shared by instances; a stranger cannot lock the owner out', () => {
  let a: TestApp;
  let b: TestApp;
  const both = () => [a, b].map((t) => t.app.get(RateLimiter));

  beforeAll(async () => {
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.config.databaseUrl! });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(async () => {
    for (const limiter of both()) {
      limiter.configure(defaultRateLimits());
      limiter.now = () => Date.now();
    }
    await a.app.get(RateLimiter).reset();
  });

  const login = (t: TestApp, ip: string, email: string, password: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  describe('several instances (item 14)', () => {
    it('count the failed sign-ins of one client together: the limit, not twice it', async () => {
      for (let i = 0; i < 10; i++) expect((await login(i % 2 ? b : a, '10.1.0.1', 'shared@example.kz', WRONG)).status).toBe(401);
      const refused = await login(a, '10.1.0.1', 'shared@example.kz', WRONG).set('Accept-Language', 'ru');
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ error: { code: 'RATE_LIMITED', message: 'Слишком много попыток. Повторите позже.' } });
      expect((await login(b, '10.1.0.1', 'shared@example.kz', WRONG)).status).toBe(429);
    });

    it('count the attempts of one IP address and the reset requests of one e-mail together', async () => {
      for (const limiter of both()) limiter.configure({ perIp: 4, perEmail: 2 });
      for (let i = 0; i < 4; i++) expect((await login(i % 2 ? b : a, '10.1.0.2', `spray${i}@example.kz`, WRONG)).status).toBe(401);
      expect((await login(a, '10.1.0.2', 'spray4@example.kz', WRONG)).status).toBe(429);
      expect((await login(b, '10.1.0.2', 'spray5@example.kz', WRONG)).status).toBe(429);

      const reset = (t: TestApp, i: number) =>
        t.http.post('/api/v1/auth/password-reset/request').set('X-Forwarded-For', `10.1.1.${i}`).send({ email: 'flood@example.kz' });
      expect((await reset(a, 1)).status).toBe(200);
      expect((await reset(b, 2)).status).toBe(200);
      expect((await reset(a, 3)).status).toBe(429);
      expect((await reset(b, 4)).status).toBe(429);
    });

    it('let exactly the limit through when the attempts come at once to both instances', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(i % 2 ? b : a, '10.1.0.3', 'parallel@example.kz', WRONG).then((r) => r.status)),
      );
      expect(results.filter((s) => s === 401)).toHaveLength(10);
      expect(results.filter((s) => s === 429)).toHaveLength(10);
    });

    it('keep the counts in the database and delete ended windows', async () => {
      await login(a, '10.1.0.4', 'rows@example.kz', WRONG).expect(401);
      const rows = await a.db.query(`SELECT bucket, key, count FROM rate_limit_counters WHERE bucket = 'login:client-failures'`);
      expect(rows).toEqual([{ bucket: 'login:client-failures', key: expect.stringMatching(/^[0-9a-f]{64}$/), count: 1 }]);
      // an hour later (real time) the next count of an instance deletes the ended windows first
      const later = Date.now() + 3600_000;
      a.app.get(RateLimiter).now = () => later;
      await login(a, '10.1.0.5', 'other@example.kz', WRONG).expect(401);
      const left = await a.db.query(`SELECT bucket, count FROM rate_limit_counters ORDER BY bucket`);
      expect(left).toEqual([
        { bucket: 'login:account-failures', count: 1 },
        { bucket: 'login:client-failures', count: 1 },
        { bucket: 'login:ip', count: 1 },
      ]);
    });
  });

  describe('a stranger cannot lock the owner out (item 8)', () => {
    it("stops the stranger's address after 10 wrong passwords; the owner signs in from another", async () => {
      const { user } = await createUser(a, 'citizen');
      for (let i = 0; i < 10; i++) expect((await login(a, '10.2.0.66', user.email, WRONG)).status).toBe(401);
      const stopped = await login(a, '10.2.0.66', user.email, WRONG).expect(429);
      expect(stopped.body.error.code).toBe('RATE_LIMITED');
      // the limit is per account and client: the stranger's address is stopped even with the right password
      await login(a, '10.2.0.66', user.email, PASSWORD).expect(429);
      // the owner, on another address, on either instance
      await login(a, '10.2.0.7', user.email, PASSWORD).expect(200);
      await login(b, '10.2.0.7', user.email, PASSWORD).expect(200);
      // and the same address tries another account as before
      expect((await login(a, '10.2.0.66', 'someone-else@example.kz', WRONG)).status).toBe(401);
      // the stranger is told when the window of the 10 failures ends
      expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(800);
      expect(Number(stopped.headers['retry-after'])).toBeLessThanOrEqual(900);
    });

    it('slows an account down when many addresses guess: one attempt per wait, doubling; the owner is not kept out', async () => {
      const { user } = await createUser(a, 'citizen');
      let now = Date.now();
      for (const limiter of both()) limiter.now = () => now;
      // the owner has signed in from home before
      await login(a, '10.3.0.1', user.email, PASSWORD).expect(200);
      for (let i = 0; i < 10; i++) expect((await login(a, `10.3.1.${i}`, user.email, WRONG)).status).toBe(401);

      // 10 failures: one attempt per second, from any address
      expect((await login(a, '10.3.2.1', user.email, WRONG)).status).toBe(401);
      const first = await login(b, '10.3.2.2', user.email, WRONG).expect(429);
      expect(first.headers['retry-after']).toBe('1');
      // the owner at home is not slowed down, nor on the sign-in page
      await login(b, '10.3.0.1', user.email, PASSWORD).expect(200);
      expect((await pageSignIn(a, '10.3.0.1', user.email, PASSWORD)).status).toBe(303);

      // 11 failures: 2 seconds, then 4
      now += 1000;
      expect((await login(b, '10.3.2.2', user.email, WRONG)).status).toBe(401);
      expect((await login(a, '10.3.2.3', user.email, WRONG).expect(429)).headers['retry-after']).toBe('2');
      now += 2000;
      expect((await login(a, '10.3.2.3', user.email, WRONG)).status).toBe(401);
      expect((await login(b, '10.3.2.4', user.email, WRONG).expect(429)).headers['retry-after']).toBe('4');

      // the owner on a new address waits one short turn, then signs in (and is at home there from then on)
      const wait = await login(a, '10.3.0.2', user.email, PASSWORD).expect(429);
      now += Number(wait.headers['retry-after']) * 1000;
      await login(a, '10.3.0.2', user.email, PASSWORD).expect(200);
      await login(b, '10.3.0.2', user.email, PASSWORD).expect(200);

      // the wait stops growing at RATE_LIMIT_SLOWDOWN_MAX_SECONDS
      for (const limiter of both()) limiter.configure({ slowMaxMs: 5000 });
      for (let i = 0; i < 4; i++) {
        now += 60_000;
        expect((await login(i % 2 ? b : a, `10.3.3.${i}`, user.email, WRONG)).status).toBe(401);
      }
      expect((await login(a, '10.3.4.1', user.email, WRONG).expect(429)).headers['retry-after']).toBe('5');
    });

    it('shares one budget between the API and the sign-in page', async () => {
      const { user } = await createUser(a, 'citizen');
      for (let i = 0; i < 5; i++) expect((await login(a, '10.4.0.1', user.email, WRONG)).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await pageSignIn(a, '10.4.0.1', user.email, WRONG)).status).toBe(401);
      const page = await pageSignIn(a, '10.4.0.1', user.email, WRONG);
      expect(page.status).toBe(429);
      expect(page.text).toContain('Too many attempts. Please try again later.');
      await login(b, '10.4.0.1', user.email, WRONG).expect(429);
      expect((await pageSignIn(b, '10.4.0.2', user.email, PASSWORD)).status).toBe(303);
    });
  });

  /** The sign-in form posted by a browser at `ip`, with the form's CSRF token. */
  async function pageSignIn(t: TestApp, ip: string, email: string, password: string) {
    const browser = request.agent(t.app.getHttpServer());
    const form = await browser.get('/login').set('X-Forwarded-For', ip).expect(200);
    const csrf = /action="\/login"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    if (!csrf) throw new Error('no CSRF field in the sign-in form');
    return browser.post('/login').set('X-Forwarded-For', ip).type('form').send({ _csrf: csrf, email, password, next: '/' });
  }
});
