import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { SESSION_COOKIE } from '../../src/identity/auth/auth.guard';
import type { DemoWorld } from '../support/demo-world';
import { seedDemoWorld } from '../support/demo-world';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** Issue 17 item 5: ETag and 304, compression, Cache-Control and Vary, the favicon. */
const API = '/api/v1';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('HTTP caching and compression', () => {
  let t: TestApp;
  let world: DemoWorld;
  let port: number;

  /** A GET with exactly these headers, the body as it came over the wire (supertest would decompress it). */
  function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  const sessionOf = (token: string) => `${SESSION_COOKIE}=${token}`;

  beforeAll(async () => {
    // the system clock mode: public answers get max-age (the manual clock makes them no-cache)
    t = await startTestApp({ env: { CLOCK_MODE: 'system', PUBLIC_CACHE_SECONDS: '60' } });
    world = await seedDemoWorld(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  describe('ETag and If-None-Match', () => {
    it.each([
      ['the home page', '/'],
      ['a plan page', () => `/plans/${world.hearingPlanId}`],
      ['the plan list', `${API}/plans`],
      ['a plan', () => `${API}/plans/${world.closedId}`],
    ])('%s answers a weak ETag, and 304 without a body when If-None-Match names it', async (_what, path) => {
      const url = typeof path === 'function' ? path() : path;
      const first = await rawGet(url);
      expect(first.status).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/"[\w-]+"$/);
      const again = await rawGet(url, { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('public, max-age=60');
      const head = await rawGet(url, {}, 'HEAD');
      expect(head.headers.etag).toBe(etag);
      expect((await rawGet(url, { 'If-None-Match': etag }, 'HEAD')).status).toBe(304);
      const stale = await rawGet(url, { 'If-None-Match': 'W/"something-else"' });
      expect(stale.status).toBe(200);
      expect(stale.body.equals(first.body)).toBe(true);
    });

    it('each language has its own ETag, page and API', async () => {
      for (const url of [`/plans/${world.hearingPlanId}`, `${API}/plans/${world.hearingPlanId}`]) {
        const tags = new Set<string>();
        for (const lang of ['kk', 'ru', 'en']) tags.add((await rawGet(url, { 'Accept-Language': lang })).headers.etag as string);
        expect(tags.size).toBe(3);
        const kk = await rawGet(url, { 'Accept-Language': 'kk' });
        const ruWithKkTag = await rawGet(url, { 'Accept-Language': 'ru', 'If-None-Match': kk.headers.etag as string });
        expect(ruWithKkTag.status).toBe(200);
      }
    });

    it("a signed-in user's tag is theirs: another user, or an anonymous reader, with it gets the whole answer", async () => {
      const [ann, bob] = world.citizens;
      // the same JSON for both (the list is public), yet not the same tag
      const annList = await rawGet(`${API}/plans`, { Authorization: ann.auth.Authorization });
      const bobList = await rawGet(`${API}/plans`, { Authorization: bob.auth.Authorization });
      expect(annList.body.equals(bobList.body)).toBe(true);
      expect(annList.headers.etag).not.toBe(bobList.headers.etag);
      expect(
        (await rawGet(`${API}/plans`, { Authorization: bob.auth.Authorization, 'If-None-Match': annList.headers.etag as string })).status,
      ).toBe(200);
      expect((await rawGet(`${API}/plans`, { 'If-None-Match': annList.headers.etag as string })).status).toBe(200);
      expect(
        (await rawGet(`${API}/plans`, { Authorization: ann.auth.Authorization, 'If-None-Match': annList.headers.etag as string })).status,
      ).toBe(304);

      const annPage = await rawGet('/', { Cookie: sessionOf(ann.token) });
      const bobPage = await rawGet('/', { Cookie: sessionOf(bob.token) });
      expect(annPage.headers.etag).not.toBe(bobPage.headers.etag);
      expect((await rawGet('/', { Cookie: sessionOf(bob.token), 'If-None-Match': annPage.headers.etag as string })).status).toBe(200);
      expect((await rawGet('/', { 'If-None-Match': annPage.headers.etag as string })).status).toBe(200);
    });

    it('errors and writes carry no ETag and are not stored', async () => {
      const missing = await rawGet(`/plans/00000000-0000-4000-8000-000000000000`);
      expect(missing.status).toBe(404);
      expect(missing.headers.etag).toBeUndefined();
      expect(missing.headers['cache-control']).toBe('no-store');
      const apiMissing = await rawGet(`${API}/plans/00000000-0000-4000-8000-000000000000`);
      expect(apiMissing.status).toBe(404);
      expect(apiMissing.headers.etag).toBeUndefined();
      expect(apiMissing.headers['cache-control']).toBe('no-store');
      const write = await t.http.post(`${API}/plans/${world.stage1Id}/remarks`).send({ body: 'x' });
      expect(write.status).toBeGreaterThanOrEqual(400);
      expect(write.headers.etag).toBeUndefined();
      expect(write.headers['cache-control']).toBe('no-store');
    });
  });

  describe('Cache-Control and Vary', () => {
    it('public pages and API reads for an anonymous reader are kept a short time, and say what they vary on', async () => {
      for (const url of ['/', `/plans/${world.stage1Id}`, '/statistics', `${API}/plans`, `${API}/plans/${world.stage1Id}`]) {
        const res = await rawGet(url);
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('public, max-age=60');
        const vary = String(res.headers.vary).toLowerCase();
        expect(vary).toContain('accept-language');
        expect(vary).toContain('cookie');
        expect(vary).toContain('accept-encoding'); // also when sent uncompressed
        expect(vary.split(/,\s*/).filter((v) => v === 'accept-encoding')).toHaveLength(1);
      }
    });

    it('the same pages and reads for a signed-in user are no-store', async () => {
      const ann = world.citizens[0];
      for (const url of ['/', `/plans/${world.stage1Id}`]) {
        const res = await rawGet(url, { Cookie: sessionOf(ann.token) });
        expect(res.status).toBe(200);
        expect(res.body.toString()).toContain(ann.user.displayName);
        expect(res.headers['cache-control']).toBe('no-store');
      }
      expect((await rawGet(`${API}/plans`, { Authorization: ann.auth.Authorization })).headers['cache-control']).toBe('no-store');
      expect((await rawGet('/my/remarks', { Cookie: sessionOf(ann.token) })).headers['cache-control']).toBe('no-store');
    });

    it("a form for signed-out visitors (its CSRF token is the visitor's) is no-store", async () => {
      const login = await rawGet('/login');
      expect(login.status).toBe(200);
      expect(login.headers['cache-control']).toBe('no-store');
      const cookie = String((login.headers['set-cookie'] as string[])[0]).split(';')[0];
      // also when the token's cookie is already there and nothing is set
      const again = await rawGet('/login', { Cookie: cookie });
      expect(again.headers['set-cookie']).toBeUndefined();
      expect(again.headers['cache-control']).toBe('no-store');
    });
  });

  describe('compression', () => {
    const decode = (res: RawAnswer) =>
      res.headers['content-encoding'] === 'br'
        ? brotliDecompressSync(res.body)
        : res.headers['content-encoding'] === 'gzip'
          ? gunzipSync(res.body)
          : res.body;

    it.each([
      ['a big page', '/'],
      ['JSON', `${API}/plans`],
      ['the stylesheet', '/assets/site.css'],
    ])('%s comes as br or gzip when asked, the same content, and plain when not asked', async (_what, url) => {
      const plain = await rawGet(url);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      const br = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.body.length).toBeLessThan(plain.body.length);
      expect(decode(br).equals(plain.body)).toBe(true);
      expect(
        String(br.headers.vary)
          .toLowerCase()
          .split(/,\s*/)
          .filter((v) => v === 'accept-encoding'),
      ).toHaveLength(1);
      expect(br.headers.etag).toBe(plain.headers.etag);
      const gzip = await rawGet(url, { 'Accept-Encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(decode(gzip).equals(plain.body)).toBe(true);
      // the security headers survive compression
      expect(br.headers['content-security-policy']).toBeDefined();
      expect(br.headers['x-content-type-options']).toBe('nosniff');
    });

    it('a small answer is not compressed', async () => {
      const health = await rawGet('/health', { 'Accept-Encoding': 'br, gzip' });
      expect(health.body.length).toBeLessThan(1024);
      expect(health.headers['content-encoding']).toBeUndefined();
    });

    it('an error page goes through the error filter and is compressed like any other page', async () => {
      const res = await rawGet(`/plans/00000000-0000-4000-8000-000000000000`, { 'Accept-Encoding': 'gzip' });
      expect(res.status).toBe(404);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(decode(res).toString()).toContain('<html');
    });

    it('pages with a form token (signed-in pages, the sign-in form) are never compressed (BREACH)', async () => {
      const ann = world.citizens[0];
      const page = await rawGet('/', { Cookie: sessionOf(ann.token), 'Accept-Encoding': 'br, gzip' });
      expect(page.body.length).toBeGreaterThan(1024);
      expect(page.headers['content-encoding']).toBeUndefined();
      expect(page.body.toString()).toContain('name="_csrf"');
      const login = await rawGet('/login', { 'Accept-Encoding': 'br, gzip' });
      expect(login.body.length).toBeGreaterThan(1024);
      expect(login.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('icons', () => {
    it('/favicon.ico is an icon', async () => {
      const res = await rawGet('/favicon.ico');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/x-icon');
      // ICO header: reserved 0, type 1 (icon), at least one image
      expect(res.body.readUInt16LE(0)).toBe(0);
      expect(res.body.readUInt16LE(2)).toBe(1);
      expect(res.body.readUInt16LE(4)).toBeGreaterThanOrEqual(1);
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
    });

    it('every page links the SVG icon, served immutable under its version', async () => {
      const page = (await rawGet('/')).body.toString();
      const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(page)?.[1];
      expect(href).toMatch(/^\/assets\/icon\.svg\?v=\w+$/);
      const icon = await rawGet(href!);
      expect(icon.status).toBe(200);
      expect(icon.headers['content-type']).toContain('image/svg+xml');
      expect(icon.body.toString()).toContain('<svg');
      expect(icon.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });
  });
});
