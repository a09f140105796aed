import { Remark } from '../../src/remarks/remark.entity';
import { createUser } from '../support/factories';
import type { DemoWorld } from '../support/demo-world';
import { seedDemoWorld } from '../support/demo-world';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** The pages and the API share their rules: the same roles (AuthGuard), the same DTOs, the same services. */
describe('page forms follow the API’s rules', () => {
  let t: TestApp;
  let w: DemoWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await seedDemoWorld(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const cookie = (token: string) => `session=${token}`;
  const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)![1];

  it('refuses a remark by staff on the plan page as the API does (403), and stores nothing', async () => {
    const staff = [w.organizers.akimat, await createUser(t, 'council_member'), await createUser(t, 'admin')];
    for (const who of staff) {
      const page = await t.http.get(`/plans/${w.stage1Id}`).set('cookie', cookie(who.token)).expect(200);
      expect(page.text).not.toContain('id="remark-body"');
      const body = `A remark by a ${who.user.role}`;
      const res = await t.http
        .post(`/plans/${w.stage1Id}/remarks`)
        .set('cookie', cookie(who.token))
        .set('accept-language', 'en')
        .type('form')
        .send({ _csrf: csrfOf(page.text), body });
      expect(res.status).toBe(403);
      expect(res.text).toContain('You are not allowed to do this.');
      const api = await t.http.post(`/api/v1/plans/${w.stage1Id}/remarks`).set(who.auth).send({ body });
      expect(api.status).toBe(403);
      expect(api.body.error.code).toBe('FORBIDDEN');
      expect(await t.db.getRepository(Remark).count({ where: { body } })).toBe(0);
    }
  });

  it('refuses an answer under 20 characters in the API (VALIDATION_FAILED) as on the pages', async () => {
    const citizen = w.citizens[0];
    const remark = await t.http
      .post(`/api/v1/plans/${w.stage1Id}/remarks`)
      .set(citizen.auth)
      .send({ body: 'Is the price per portion realistic?', language: 'en' })
      .expect(201);
    const organizer = w.organizers.akimat;
    const short = await t.http
      .post(`/api/v1/remarks/${remark.body.id}/answer`)
      .set(organizer.auth)
      .send({ body: '  Too short, sorry  ', disposition: 'rejected' })
      .expect(400);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    expect(short.body.error.details).toEqual([expect.objectContaining({ field: 'body', constraint: 'minLength' })]);

    const page = await t.http.get(`/plans/${w.stage1Id}`).set('cookie', cookie(organizer.token)).expect(200);
    const form = await t.http
      .post(`/plans/${w.stage1Id}/remarks/${remark.body.id}/answer`)
      .set('cookie', cookie(organizer.token))
      .set('accept-language', 'en')
      .type('form')
      .send({ _csrf: csrfOf(page.text), disposition: 'rejected', [`answer-${remark.body.id}_ru`]: '  Too short, sorry  ' });
    expect(form.status).toBe(400);
    expect(form.text).toContain(`id="answer-${remark.body.id}-error">Write a reasoned answer (at least 20 characters).`);

    await t.http
      .post(`/api/v1/remarks/${remark.body.id}/answer`)
      .set(organizer.auth)
      .send({
        body: { ru: 'Цена следует обзору рынка 2027 года.', en: 'The price follows the 2027 market survey.' },
        disposition: 'explained',
      })
      .expect(201);
  });

  it('sends a signed-out visitor of a form back to the form’s page after signing in, before any CSRF check', async () => {
    const res = await t.http.post(`/plans/${w.stage1Id}/remarks`).type('form').send({ body: 'x' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/plans/${w.stage1Id}#remark-form`)}`);
    const council = await t.http.post(`/council/plans/${w.stage1Id}/positions`).type('form').send({});
    expect(council.headers.location).toBe(`/login?next=${encodeURIComponent(`/council/plans/${w.stage1Id}#my-position`)}`);
  });
});
