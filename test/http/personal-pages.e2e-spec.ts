import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESSION_COOKIE } from '../../src/identity/auth/auth.guard';
import { UnsubscribeTokens } from '../../src/notifications/unsubscribe-token';
import type { DemoWorld } from '../support/demo-world';
import { seedDemoWorld } from '../support/demo-world';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * Pages personal to a link's token (unsubscribe, e-mail verification, password reset) are never kept
 * by a cache, carry no ETag and are sent uncompressed; a signed-in form POST's answer that carries a
 * form token is sent uncompressed too (BREACH).
 */
interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('HTTP caching of personal answers', () => {
  let t: TestApp;
  let world: DemoWorld;
  let port: number;

  /** A request with exactly these headers, the body as it came over the wire (supertest would decompress it). */
  function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const COMPRESSIBLE = { 'Accept-Encoding': 'br, gzip', 'Accept-Language': 'en' };

  function expectPersonal(answer: RawAnswer): void {
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.etag).toBeUndefined();
    expect(answer.headers['content-encoding']).toBeUndefined();
    // big enough that it would have been compressed
    expect(answer.body.length).toBeGreaterThan(1024);
  }

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

  it('the unsubscribe page (GET and one-click POST) names its recipient: no-store, no ETag, uncompressed', async () => {
    const person = world.citizens[0];
    const token = t.app.get(UnsubscribeTokens).sign({ userId: person.user.id, planId: world.hearingPlanId });
    const page = await raw('GET', `/unsubscribe?token=${token}`, COMPRESSIBLE);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain(person.user.email);
    expectPersonal(page);
    // If-None-Match cannot make a 304 of it either
    expect((await raw('GET', `/unsubscribe?token=${token}`, { ...COMPRESSIBLE, 'If-None-Match': '*' })).status).toBe(200);
    const done = await raw(
      'POST',
      `/unsubscribe?token=${token}`,
      { ...COMPRESSIBLE, 'Content-Type': 'application/x-www-form-urlencoded' },
      'List-Unsubscribe=One-Click',
    );
    expect(done.status).toBe(200);
    expectPersonal(done);
    // a public page still is kept and compressed: the mark is per answer
    const home = await raw('GET', '/', COMPRESSIBLE);
    expect(home.headers['cache-control']).toBe('public, max-age=60');
    expect(home.headers['content-encoding']).toBe('br');
  });

  it('the e-mail verification and password reset links’ pages: no-store, no ETag, uncompressed', async () => {
    await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'personal@example.kz', password: 'Steppe-wind-2027', displayName: 'Dana', locale: 'en' })
      .expect(201);
    await t.flushMail();
    await t.smtp.waitFor(() => t.smtp.to('personal@example.kz').length >= 1);
    const text = String(t.smtp.to('personal@example.kz')[0].text ?? '');
    const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
    const verified = await raw('GET', `/verify-email?token=${token}`, COMPRESSIBLE);
    expect(verified.status).toBe(200);
    expectPersonal(verified);
    const reset = await raw('GET', `/reset-password?token=${'a'.repeat(43)}`, COMPRESSIBLE);
    expect(reset.status).toBe(200);
    expectPersonal(reset);
  });

  it('a signed-in form POST answered with its form again (errors, a form token) is not compressed', async () => {
    const cookie = `${SESSION_COOKIE}=${world.organizers.akimat.token}`;
    const form = await raw('GET', '/organizer/plans/new', { ...COMPRESSIBLE, Cookie: cookie });
    expect(form.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body.toString())![1];
    const refused = await raw(
      'POST',
      '/organizer/plans',
      { ...COMPRESSIBLE, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      `_csrf=${encodeURIComponent(csrf)}&title_ru=`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.toString()).toContain('name="_csrf" value="');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.body.length).toBeGreaterThan(1024);
  });
});
