import { Csrf } from '../../src/identity/auth/csrf';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import type { CreatedUser } from '../support/factories';
import { createUser, PASSWORD } from '../support/factories';
import type { DemoWorld } from '../support/demo-world';
import { seedDemoWorld } from '../support/demo-world';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * Issue 13, item 10: the session cookie is sent by the browser with cross-site requests too, so an
 * API write it signs in must carry the CSRF token (X-CSRF-Token, the token of the pages' forms); and
 * the API reads application/json only, which a cross-site page cannot send without a preflight.
 */
describe('API writes: CSRF token for the session cookie, JSON bodies only', () => {
  let t: TestApp;
  let w: DemoWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await seedDemoWorld(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const follows = (who: CreatedUser) => t.db.getRepository(PlanSubscription).count({ where: { userId: who.user.id, planId: w.stage1Id } });
  const tokenFor = (sessionToken: string) => t.app.get(Csrf).token({ cookies: { session: sessionToken } } as never)!;

  it('refuses a cookie-signed-in API write without the token, with a wrong one or with another session’s (403 CSRF_INVALID)', async () => {
    const citizen = await createUser(t, 'citizen');
    const other = await createUser(t, 'citizen');
    const wrong = [undefined, 'garbage', 'x.y', tokenFor(other.token), `${tokenFor(citizen.token)}x`];
    for (const token of wrong) {
      let req = t.http.post(`/api/v1/plans/${w.stage1Id}/follow`).set('Cookie', `session=${citizen.token}`);
      if (token !== undefined) req = req.set('X-CSRF-Token', token);
      const res = await req;
      expect([token, res.status, res.body.error?.code]).toEqual([token, 403, 'CSRF_INVALID']);
    }
    const unfollow = await t.http.delete(`/api/v1/plans/${w.stage1Id}/follow`).set('Cookie', `session=${citizen.token}`);
    expect([unfollow.status, unfollow.body.error?.code]).toEqual([403, 'CSRF_INVALID']);
    const logout = await t.http.post('/api/v1/auth/logout').set('Cookie', `session=${citizen.token}`);
    expect([logout.status, logout.body.error?.code]).toEqual([403, 'CSRF_INVALID']);
    expect(await follows(citizen)).toBe(0);
  });

  it('accepts it with the token of the pages’ forms in X-CSRF-Token', async () => {
    const citizen = await createUser(t, 'citizen');
    const page = await t.http.get(`/plans/${w.stage1Id}`).set('Cookie', `session=${citizen.token}`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await t.http
      .post(`/api/v1/plans/${w.stage1Id}/follow`)
      .set('Cookie', `session=${citizen.token}`)
      .set('X-CSRF-Token', token)
      .expect(200);
    expect(await follows(citizen)).toBe(1);
  });

  it('leaves Bearer calls and reads alone', async () => {
    const citizen = await createUser(t, 'citizen');
    await t.http.post(`/api/v1/plans/${w.stage1Id}/follow`).set(citizen.auth).expect(200);
    // a Bearer token decides even beside a cookie
    await t.http.delete(`/api/v1/plans/${w.stage1Id}/follow`).set(citizen.auth).set('Cookie', `session=${citizen.token}`).expect(200);
    await t.http.get('/api/v1/me').set('Cookie', `session=${citizen.token}`).expect(200);
    // no cookie signs anybody in: nothing to forge
    await t.http.post('/api/v1/auth/logout').expect(200);
  });

  it('refuses text/plain, form and other non-JSON bodies under /api (415 UNSUPPORTED_MEDIA_TYPE), and stores nothing', async () => {
    const citizen = await createUser(t, 'citizen');
    const json = JSON.stringify({ email: citizen.user.email, password: PASSWORD });
    const cases: [string, string][] = [
      ['text/plain', json],
      ['text/plain;charset=UTF-8', json],
      ['application/x-www-form-urlencoded', `email=${encodeURIComponent(citizen.user.email)}&password=${PASSWORD}`],
      ['multipart/form-data; boundary=x', '--x--'],
    ];
    for (const [type, body] of cases) {
      const login = await t.http.post('/api/v1/auth/login').set('Content-Type', type).send(body);
      expect([type, login.status, login.body.error?.code]).toEqual([type, 415, 'UNSUPPORTED_MEDIA_TYPE']);
      const follow = await t.http.post(`/api/v1/plans/${w.stage1Id}/follow`).set(citizen.auth).set('Content-Type', type).send(body);
      expect([type, follow.status, follow.body.error?.code]).toEqual([type, 415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
    expect(await follows(citizen)).toBe(0);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json; charset=utf-8').send(json).expect(200);
  });

  it('reads plain text nowhere, also not on the pages', async () => {
    const res = await t.http.post('/login').set('Content-Type', 'text/plain').send('_csrf=x&email=a@b.c&password=x');
    expect(res.status).toBe(415);
  });
});
