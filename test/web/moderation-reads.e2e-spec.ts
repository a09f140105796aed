import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { authNow } from '../reviews/fixtures';
import { publishedPlan } from '../remarks/published-plan';
import { untimed } from '../support/page-text';

const API = '/api/v1';
const PHONE = '+7 701 234 56 78';

function csrfOf(page: string, action: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page.slice(page.indexOf(`action="${action}"`)));
  if (!match) throw new Error(`no CSRF field in the form of ${action}`);
  return match[1];
}

/**
 * Issue 16 on the pages H2 owns: the remark form's notice that personal data will be masked, the form's
 * refusals of duplicates and of too many remarks, the hidden state, the links to report, appeal and
 * moderate, and the appeal window on "my remarks". The full leak search is test/moderation/no-leak.e2e-spec.ts.
 */
describe('pages: moderation and personal data on the plan page and my remarks', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let author: CreatedUser;
  let other: CreatedUser;
  let moderator: CreatedUser;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-02T10:00:00+05:00', env: { REMARKS_PER_HOUR: '3' } });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    author = await createUser(t, 'citizen', { displayName: 'Aigerim S.' });
    other = await createUser(t, 'citizen', { displayName: 'Someone else' });
    moderator = await createUser(t, 'moderator', { displayName: 'Moderator' });
    planId = (await publishedPlan(t, org.id, organizer.user.id)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signIn(who: CreatedUser): Promise<TestAgent> {
    const a = request.agent(t.app.getHttpServer());
    const form = await a.get('/login').expect(200);
    await a
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/login'), email: who.user.email, password: PASSWORD, next: '/' })
      .expect(303);
    return a;
  }

  const remark = async (body: string) =>
    (await t.http.post(`${API}/plans/${planId}/remarks`).set(authNow(t, author)).send({ body, language: 'en' }).expect(201)).body
      .id as string;

  it('the remark form tells the author before sending that IINs, phones and e-mails will be masked (kk, ru, en), tied to the textarea', async () => {
    const a = await signIn(author);
    const expected = {
      en: 'Identity numbers (IIN), phone numbers and e-mail addresses in your remark will be masked for the public.',
      ru: 'ИИН, номера телефонов и адреса электронной почты в вашем замечании будут скрыты от публики.',
      kk: 'Ескертуіңіздегі ЖСН, телефон нөмірлері мен электрондық пошта мекенжайлары жұртшылықтан жасырылады.',
    };
    for (const [lang, text] of Object.entries(expected)) {
      const page = (await a.get(`/plans/${planId}`).set('Accept-Language', lang).expect(200)).text;
      const hint = /<span class="hint" id="remark-hint">([\s\S]*?)<\/span>\s*(?:<p|<textarea|<\/div>|$)/.exec(page)?.[0] ?? '';
      expect(hint).toContain(text);
      expect(page).toMatch(/<textarea[^>]*id="remark-body"[^>]*aria-describedby="[^"]*remark-hint/);
    }
  });

  it('a duplicate remark and too many remarks are refused on the form with a clear message by the text', async () => {
    const a = await signIn(author);
    const page = (await a.get(`/plans/${planId}`).expect(200)).text;
    const send = (body: string) =>
      a
        .post(`/plans/${planId}/remarks`)
        .set('Accept-Language', 'en')
        .type('form')
        .send({ _csrf: csrfOf(page, `/plans/${planId}/remarks`), body, language: 'en', idempotencyKey: '' });
    await send('Publish the estimate with the plan').expect(303);
    const duplicate = await send('Publish the estimate with the plan');
    expect(duplicate.status).toBe(409);
    expect(duplicate.text).toContain('You have already left this remark on this plan in this stage.');
    expect(duplicate.text).toMatch(/<p class="error" id="remark-error">/);
    expect(duplicate.text).toContain('Publish the estimate with the plan</textarea>');
    await send('A second point').expect(303);
    await send('A third point').expect(303);
    const limited = await send('A fourth point within the hour');
    expect(limited.status).toBe(429);
    // the limit and when to try again, as Retry-After says
    expect(limited.headers['retry-after']).toBe('3600');
    expect(limited.text).toMatch(/You have left 3 remarks on this plan within an hour; try again after 2 March 2027[^.]*11:00\./);
    expect(limited.text).toMatch(/<p class="error" id="remark-error">/);
  });

  it('a hidden remark: the public reads when and why, the count by reason; the author reads the text and may appeal within 5 working days', async () => {
    t.clock.set(new Date('2027-03-03T12:00:00+05:00'));
    const id = await remark(`Call me on ${PHONE}, the director is a thief`);
    const masked = await remark(`My number is ${PHONE}`);
    await t.db.query(`UPDATE remarks SET hidden_at = $2, hidden_reason = 'insult' WHERE id = $1`, [
      id,
      new Date('2027-03-03T13:00:00+05:00'),
    ]);

    const anyone = (await t.http.get(`/plans/${planId}`).set('Accept-Language', 'en').expect(200)).text;
    expect(untimed(anyone)).toContain('Hidden by a moderator on 3 March 2027');
    expect(anyone).toContain(': insult.');
    expect(anyone).not.toContain('the director is a thief');
    expect(anyone).not.toContain(PHONE);
    expect(anyone).toContain('My number is +• ••• ••• •• ••');
    expect(anyone).toContain('<p class="meta hidden-counts" id="hidden-counts">Hidden by moderators: 1 remark (insult: 1)</p>');
    expect(anyone).not.toContain(`/remarks/${id}/report`);
    const ru = (await t.http.get(`/plans/${planId}`).set('Accept-Language', 'ru').expect(200)).text;
    expect(ru).toContain('Модераторы скрыли замечаний: 1 (оскорбление — 1)');
    const kk = (await t.http.get(`/plans/${planId}`).set('Accept-Language', 'kk').expect(200)).text;
    expect(kk).toContain('Модераторлар 1 ескертуді жасырды: қорлау — 1.');

    const own = (await t.http.get(`/plans/${planId}`).set(authNow(t, author)).set('Accept-Language', 'en').expect(200)).text;
    expect(own).toContain('the director is a thief');
    expect(untimed(own)).toContain('Hidden from the public on 3 March 2027');
    expect(own).toContain(`My number is ${PHONE}`);
    expect(own).toContain('masked for the public');
    expect(untimed(own)).toMatch(new RegExp(`href="/remarks/${id}/appeal"[^>]*>Appeal until 11 March 2027`));
    expect(own).not.toContain(`href="/remarks/${masked}/report"`);
    const mine = (await t.http.get('/my/remarks').set(authNow(t, author)).set('Accept-Language', 'en').expect(200)).text;
    expect(mine).toContain('the director is a thief');
    expect(mine).toContain(`href="/remarks/${id}/appeal"`);
    expect(mine).toContain('<p class="meta no-answer-needed">Needs no answer while hidden.</p>');

    const stranger = (await t.http.get(`/plans/${planId}`).set(authNow(t, other)).set('Accept-Language', 'en').expect(200)).text;
    expect(stranger).toContain(`href="/remarks/${masked}/report"`);
    expect(stranger).not.toContain(`href="/remarks/${id}/report"`);
    expect(stranger).not.toContain('/appeal"');
    expect(stranger).not.toContain('/moderation/remarks/');

    const organizerPage = (await t.http.get(`/plans/${planId}`).set(authNow(t, organizer)).set('Accept-Language', 'en').expect(200)).text;
    expect(organizerPage).toContain(`My number is ${PHONE}`);
    expect(organizerPage).not.toContain('the director is a thief');
    expect(organizerPage).not.toContain(`/plans/${planId}/remarks/${id}/answer`);
    const queue = (await t.http.get('/organizer/remarks').set(authNow(t, organizer)).expect(200)).text;
    expect(queue).not.toContain(`remark-${id}"`);
    expect(queue).toContain(`remark-${masked}"`);

    const moderatorPage = (await t.http.get(`/plans/${planId}`).set(authNow(t, moderator)).set('Accept-Language', 'en').expect(200)).text;
    expect(moderatorPage).toContain('the director is a thief');
    expect(moderatorPage).toContain(`href="/moderation/remarks/${id}"`);
    expect(moderatorPage).toContain(`href="/moderation/remarks/${masked}"`);
    expect(moderatorPage).not.toContain(`href="/remarks/${masked}/report"`);
    expect(organizerPage).not.toContain(`href="/remarks/${masked}/report"`);

    // 5 working days from Wednesday 3 March (8 March is a holiday): the window ends with Thursday 11 March
    t.clock.set(new Date('2027-03-12T10:00:00+05:00'));
    const later = (await t.http.get(`/plans/${planId}`).set(authNow(t, author)).expect(200)).text;
    expect(later).not.toContain(`href="/remarks/${id}/appeal"`);
    expect((await t.http.get('/my/remarks').set(authNow(t, author)).expect(200)).text).not.toContain(`href="/remarks/${id}/appeal"`);
  });
});
