import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import request from 'supertest';
import { SESSION_COOKIE } from '../../src/identity/auth/auth.guard';
import { RateLimiter } from '../../src/identity/rate-limiter';
import { LOW_VISION } from '../../src/web/layout';
import { createPlan, createWorld } from '../reviews/fixtures';
import type { CreatedUser } from '../support/factories';
import { PASSWORD, createUser, newPlanBody } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * Issue 13, the HTTP layer: whose address a request comes from (TRUST_PROXY), request timeouts, redirect
 * targets, caching of signed-in answers, the files of /api/docs, Permissions-Policy, empty JSON bodies.
 */
const API = '/api/v1';

/** Starts listening (port 0) if supertest has not, and returns the port. */
async function portOf(t: TestApp): Promise<number> {
  const server = t.app.getHttpServer();
  if (!server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (server.address() as AddressInfo).port;
}

/**
 * Writes `head`, then one byte of `drip` every 100 ms until the service answers and closes, or
 * `giveUpMs` passes; returns what came back (empty when nothing did) and when.
 */
async function sendSlowly(port: number, head: string, drip: string, giveUpMs: number): Promise<{ answer: string; afterMs: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let sent = 0;
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const timer = setInterval(() => {
      if (socket.writable && sent < drip.length) socket.write(drip[sent++]);
    }, 100);
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ answer: Buffer.concat(chunks).toString('utf8'), afterMs: Date.now() - started });
    });
  });
}

function bodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

describe('HTTP hardening (issue 13)', () => {
  let t: TestApp;
  let citizen: CreatedUser;
  beforeAll(async () => {
    // as deployed without a proxy setting; a 1-second request timeout to keep the slow-request tests short
    t = await startTestApp({ env: { TRUST_PROXY: '', REQUEST_TIMEOUT_SECONDS: '1' } });
    citizen = await createUser(t, 'citizen');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.app.get(RateLimiter).reset();
    t.app.get(RateLimiter).configure({ perIp: 200 });
  });

  describe('the client address: X-Forwarded-For is believed only from a configured proxy (TRUST_PROXY)', () => {
    const failedLogin = (app: TestApp, forwardedFor: string, n: number) =>
      app.http
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', forwardedFor)
        .send({ email: `nobody-${n}@example.kz`, password: 'Wrong-password-1' });
    const register = (app: TestApp, forwardedFor: string, n: number) =>
      app.http
        .post(`${API}/auth/register`)
        .set('X-Forwarded-For', forwardedFor)
        .send({ email: `newcomer-${n}-${Date.now()}@example.kz`, password: PASSWORD, displayName: 'Newcomer' });

    it('by default ignores it: a client rotating X-Forwarded-For stays one address for the per-IP limit of login and registration', async () => {
      t.app.get(RateLimiter).configure({ perIp: 3 });
      for (let i = 1; i <= 3; i++) expect((await failedLogin(t, `203.0.113.${i}`, i)).status).not.toBe(429);
      const limited = await failedLogin(t, '203.0.113.4', 4);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      for (let i = 1; i <= 3; i++) expect((await register(t, `198.51.100.${i}`, i)).status).not.toBe(429);
      expect((await register(t, '198.51.100.4', 4)).status).toBe(429);
    });

    describe('behind one proxy (TRUST_PROXY=1)', () => {
      let proxied: TestApp;
      beforeAll(async () => {
        proxied = await startTestApp({ env: { TRUST_PROXY: '1' } });
      });
      afterAll(async () => {
        await proxied?.close();
      });

      it('takes the address the proxy appended, not what the client wrote before it', async () => {
        proxied.app.get(RateLimiter).configure({ perIp: 3 });
        // the client forges the first entries; the proxy appends the address it saw
        for (let i = 1; i <= 3; i++) expect((await failedLogin(proxied, `10.6.6.${i}, 192.0.2.10`, i)).status).not.toBe(429);
        expect((await failedLogin(proxied, '10.6.6.4, 192.0.2.10', 4)).status).toBe(429);
        // another client behind the same proxy has a budget of its own
        expect((await failedLogin(proxied, '192.0.2.11', 5)).status).not.toBe(429);
      });
    });
  });

  describe('request timeouts (REQUEST_TIMEOUT_SECONDS, 1 s here)', () => {
    it('cuts a body that comes too slowly with 408 REQUEST_TIMEOUT in the error shape', async () => {
      const head =
        `POST ${API}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n` +
        '{"email":"slow@example.kz","password":"';
      // a byte every 100 ms: the connection is never idle, and the body never complete
      const { answer, afterMs } = await sendSlowly(await portOf(t), head, 'x'.repeat(400), 8_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);
      expect(bodyOf(answer)).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive.' } });
      expect(afterMs).toBeLessThan(4_000);
    });

    it('cuts headers that come too slowly the same way', async () => {
      const { answer, afterMs } = await sendSlowly(
        await portOf(t),
        `GET ${API}/plans HTTP/1.1\r\nHost: x\r\nX-Slow: `,
        'y'.repeat(400),
        8_000,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(bodyOf(answer)).toMatchObject({ error: { code: 'REQUEST_TIMEOUT' } });
      expect(afterMs).toBeLessThan(4_000);
    });

    it('leaves a request alone once it has arrived, however long the answer takes', async () => {
      // a sign-in hashes the password (argon2): the answer itself may take longer than nothing at all
      const res = await t.http.post(`${API}/auth/login`).send({ email: citizen.user.email, password: PASSWORD });
      expect(res.status).toBe(200);
    });
  });

  describe('a redirect target outside ASCII (next=/%D0%BA) falls back to /', () => {
    it.each([['/lang/ru'], ['/lang/xx'], [`/view/${LOW_VISION}`], ['/view/standard']])('%s', async (path) => {
      for (const next of ['/%D0%BA', '/plans/%D0%B6%D0%BE%D0%BB?x=1', '/caf%C3%A9', '/a%20b']) {
        const res = await t.http.get(`${path}?next=${next}`);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/');
      }
      const kept = await t.http.get(`${path}?next=${encodeURIComponent('/plans/1?q=%D0%B6')}`).expect(303);
      expect(kept.headers.location).toBe('/plans/1?q=%D0%B6');
    });

    it('after signing in with the form', async () => {
      const agent = request.agent(t.app.getHttpServer());
      const form = await agent.get('/login?next=/%D0%BA').expect(200);
      expect(form.text).toContain('name="next" value="/"');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
      const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: citizen.user.email, password: PASSWORD, next: '/к' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
    });
  });

  describe('headers', () => {
    it.each([
      ['an API answer', `${API}/plans`, 200],
      ['a page', '/', 200],
      ['an error', `${API}/nothing-here`, 404],
      ['/health', '/health', 200],
      ['a URL the router refuses', `${API}/plans/%E0%A4%A`, 404],
    ])('Permissions-Policy on %s', async (_what, path, status) => {
      const res = await t.http.get(path).expect(status);
      expect(res.headers['permissions-policy']).toMatch(/(^|, )camera=\(\)/);
      expect(res.headers['permissions-policy']).toMatch(/(^|, )geolocation=\(\)/);
      expect(res.headers['permissions-policy']).toMatch(/(^|, )microphone=\(\)/);
    });

    // Node's parser passes `*plans` (it refuses `plans` with a 400 of its own, client-error.ts); the
    // router matches nothing, and the 404 must still carry the headers
    it('the security headers and a request id on a request target without its leading slash', async () => {
      const target = '*plans';
      const head = `GET ${target} HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: not an id!\r\nConnection: close\r\n\r\n`;
      const { answer } = await sendSlowly(await portOf(t), head, '', 5_000);
      const [statusLine, ...lines] = answer.slice(0, answer.indexOf('\r\n\r\n')).split('\r\n');
      expect(statusLine).toBe('HTTP/1.1 404 Not Found');
      const headers = new Map(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('permissions-policy')).toMatch(/camera=\(\)/);
      expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('Cache-Control: no-store on every API answer to a signed-in request, by bearer or session cookie', async () => {
      const asBearer = await t.http.get(`${API}/me`).set(citizen.auth).expect(200);
      expect(asBearer.headers['cache-control']).toBe('no-store');
      const listed = await t.http.get(`${API}/plans`).set(citizen.auth).expect(200);
      expect(listed.headers['cache-control']).toBe('no-store');
      const asCookie = await t.http.get(`${API}/me`).set('Cookie', `${SESSION_COOKIE}=${citizen.token}`).expect(200);
      expect(asCookie.headers['cache-control']).toBe('no-store');
      const refused = await t.http.get(`${API}/admin/councils`).set(citizen.auth);
      expect(refused.status).toBe(403);
      expect(refused.headers['cache-control']).toBe('no-store');
    });

    it('and on the answer that hands out a token; a public GET without credentials may be cached (issue 17)', async () => {
      const login = await t.http.post(`${API}/auth/login`).send({ email: citizen.user.email, password: PASSWORD }).expect(200);
      expect(login.headers['cache-control']).toBe('no-store');
      const anonymous = await t.http.get(`${API}/plans`).expect(200);
      // public; revalidated each time under the tests' manual clock (test/http/caching-compression: max-age)
      expect(anonymous.headers['cache-control']).toBe('public, no-cache');
    });
  });

  describe('/api/docs serves only what Swagger UI needs', () => {
    it('the page and every file it loads', async () => {
      for (const page of ['/api/docs', '/api/docs/']) {
        const res = await t.http.get(page).expect(200);
        const base = page.endsWith('/') ? page : '/api/';
        const assets = [...res.text.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]).filter((u) => !u.startsWith('http'));
        expect(assets.length).toBeGreaterThanOrEqual(5);
        for (const asset of assets) {
          const url = new URL(asset, `http://x${base}`).pathname;
          expect([url, (await t.http.get(url)).status]).toEqual([url, 200]);
        }
      }
      await t.http.get('/api/docs-json').expect(200);
    });

    it.each([
      '/api/docs/package.json',
      '/api/docs/swagger-ui-bundle.js.map',
      '/api/docs/swagger-ui.css.map',
      '/api/docs/docs/package.json',
      '/api/docs/docs/swagger-ui.js.map',
      '/api/docs/README.md',
      '/api/docs/absolute-path.js',
      '/api/docs/oauth2-redirect.html',
      '/api/docs/%70ackage.json',
      '/api/docs/swagger-ui-es-bundle.js',
    ])('not %s', async (url) => {
      const res = await t.http.get(url).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('an empty body with Content-Type: application/json is no body', () => {
    let organizer: CreatedUser;
    let planId: string;
    beforeAll(async () => {
      const world = await createWorld(t, 1);
      organizer = world.organizer;
      planId = (await createPlan(t, world, {}, false)).id;
    });
    const json = { 'Content-Type': 'application/json' };

    it('on POSTs that take none: publish, follow, sign-out', async () => {
      const created = await t.http.post(`${API}/plans`).set(organizer.auth).send(newPlanBody()).expect(201);
      const published = await t.http.post(`${API}/plans/${created.body.id}/publish`).set(organizer.auth).set(json);
      expect([published.status, published.body.error]).toEqual([200, undefined]);
      const followed = await t.http.post(`${API}/plans/${planId}/follow`).set(citizen.auth).set(json);
      expect([followed.status, followed.body.error]).toEqual([200, undefined]);
      const unfollowed = await t.http.delete(`${API}/plans/${planId}/follow`).set(citizen.auth).set(json);
      expect(unfollowed.status).toBeLessThan(300);
      const out = await t.http.post(`${API}/auth/logout`).set(json);
      expect([out.status, out.body.error]).toEqual([200, undefined]);
    });

    it('also with Content-Length: 0 and a charset, on the wire', async () => {
      const { answer } = await sendSlowly(
        await portOf(t),
        `POST ${API}/auth/logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
        '',
        5_000,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    });

    it('a route that needs a body answers an empty one as missing fields, not as malformed JSON', async () => {
      const res = await t.http.post(`${API}/plans`).set(organizer.auth).set(json).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([' ', '\n', '{"a":', 'null x', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'])(
      'a body that is not empty is still parsed strictly: %j is MALFORMED_JSON',
      async (text) => {
        const res = await t.http.post(`${API}/plans/${planId}/follow`).set(citizen.auth).set(json).send(text).expect(400);
        expect(res.body.error.code).toBe('MALFORMED_JSON');
      },
    );
  });
});
