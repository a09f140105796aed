import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { User } from '../../src/identity/user.entity';
import { Remark } from '../../src/remarks/remark.entity';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { authNow } from '../reviews/fixtures';
import { publishedPlan } from '../remarks/published-plan';
import { OWN_REPORTS_SQL, PublicPagesRepository, REMARK_MODERATION_SQL } from '../../src/web/public-pages.repository';
import { untimed } from '../support/page-text';

const API = '/api/v1';

/** The hidden CSRF token of the form posting to `action` (or of the page's first form). */
function csrfOf(page: string, action?: string): string {
  const scope = action ? page.slice(page.indexOf(`action="${action}"`)) : page;
  const match = /name="_csrf" value="([^"]+)"/.exec(scope);
  if (!match) throw new Error(`no CSRF field${action ? ` in the form of ${action}` : ''}`);
  return match[1];
}

/** The card of a remark on the plan page (its <li>). */
function cardOf(page: string, remarkId: string): string {
  const start = page.indexOf(`<li class="remark" id="remark-${remarkId}"`);
  if (start < 0) return '';
  const next = page.indexOf('<li class="remark"', start + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

/** The text of an element by id, tags removed. */
function textOf(page: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(p|li|section|fieldset)>`).exec(untimed(page));
  return match
    ? match[1]
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .trim()
    : '';
}

describe('moderation pages: report, queue, decision, appeal; consent on registration; moderator accounts', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let author: CreatedUser;
  let reporter: CreatedUser;
  let reporter2: CreatedUser;
  let unverified: CreatedUser;
  let member: CreatedUser;
  let chair: CreatedUser;
  let moderatorA: CreatedUser;
  let moderatorB: CreatedUser;
  let admin: CreatedUser;
  let planId: string;
  let remarkId: string;
  const phone = '+7 701 234 56 78';
  const body = `You are all thieves, call me at ${phone}`;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00', env: { REPORTS_PER_HOUR: '3' } });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    author = await createUser(t, 'citizen', { displayName: 'Aigerim S.', locale: 'ru' });
    reporter = await createUser(t, 'citizen', { displayName: 'Reporter One' });
    reporter2 = await createUser(t, 'citizen', { displayName: 'Reporter Two' });
    unverified = await createUser(t, 'citizen', { displayName: 'Not Confirmed', emailVerifiedAt: null });
    member = await createUser(t, 'council_member', { councilId: council.id });
    chair = await createUser(t, 'council_member', { councilId: council.id, isChair: true });
    moderatorA = await createUser(t, 'moderator', { displayName: 'Moderator Alma' });
    moderatorB = await createUser(t, 'moderator', { displayName: 'Moderator Bek' });
    admin = await createUser(t, 'admin', { displayName: 'Admin' });
    planId = (await publishedPlan(t, org.id, organizer.user.id)).id;
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
    const r = await t.http.post(`${API}/plans/${planId}/remarks`).set(authNow(t, author)).send({ body, language: 'en' }).expect(201);
    remarkId = r.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const agent = (): TestAgent => request.agent(t.app.getHttpServer());
  const remark = () => t.db.getRepository(Remark).findOneByOrFail({ id: remarkId });

  async function signIn(who: CreatedUser | { user: { email: string } }, next = '/'): Promise<{ a: TestAgent; location: string }> {
    const a = agent();
    const form = await a.get(`/login?next=${encodeURIComponent(next)}`).expect(200);
    const res = await a
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/login'), email: who.user.email, password: PASSWORD, next })
      .expect(303);
    return { a, location: String(res.headers.location) };
  }

  it('the queue: signed-out visitors sign in; citizens, organizers and council members get the 403 page; moderators and admins an empty queue', async () => {
    const out = await agent().get('/moderation').expect(303);
    expect(out.headers.location).toBe(`/login?next=${encodeURIComponent('/moderation')}`);
    for (const who of [reporter, organizer, member, chair]) {
      const { a } = await signIn(who);
      const page = await a.get('/moderation').set('Accept-Language', 'en').expect(403);
      expect(page.text).toContain('This page is for: moderator.');
      expect(page.text).not.toContain('href="/moderation"');
    }
    for (const who of [moderatorA, admin]) {
      const { a } = await signIn(who);
      const page = await a.get('/moderation').set('Accept-Language', 'en').expect(200);
      expect(page.text).toContain('<h1>Moderation queue</h1>');
      expect(textOf(page.text, 'queue-empty')).toBe('Nothing to moderate: no open reports and no pending appeals.');
      expect(page.text).toContain('<a href="/moderation" aria-current="page">Moderation</a>');
    }
  });

  it('a moderator who signs in without a link lands on the queue', async () => {
    expect((await signIn(moderatorA)).location).toBe('/moderation');
    expect((await signIn(moderatorA, '/plans/' + planId)).location).toBe(`/plans/${planId}`);
    expect((await signIn(reporter)).location).toBe('/');
  });

  it('the report form: the remark masked as the public reads it; the author, unconfirmed users and blank reasons are refused', async () => {
    const out = await agent().get(`/remarks/${remarkId}/report`).expect(303);
    expect(out.headers.location).toBe(`/login?next=${encodeURIComponent(`/remarks/${remarkId}/report`)}`);

    const { a } = await signIn(reporter);
    const page = await a.get(`/remarks/${remarkId}/report`).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('<h1>Report a remark</h1>');
    expect(page.text).toContain('You are all thieves, call me at');
    expect(page.text).not.toContain(phone);
    expect(page.text).toContain('<legend>Why should it be hidden?</legend>');
    expect(page.text).toContain('value="other"');
    expect(page.text).toContain(`href="/plans/${planId}#remark-${remarkId}"`);

    const blank = await a
      .post(`/remarks/${remarkId}/report`)
      .set('Accept-Language', 'ru')
      .type('form')
      .send({ _csrf: csrfOf(page.text, `/remarks/${remarkId}/report`), reason: '', text: 'x' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.text, 'report-reason-error')).toBe('Выберите, почему замечание следует скрыть.');
    expect(blank.text).toMatch(/id="report-reason-insult"[^>]*aria-invalid="true"[^>]*autofocus/);
    const tooLong = await a
      .post(`/remarks/${remarkId}/report`)
      .type('form')
      .send({ _csrf: csrfOf(page.text, `/remarks/${remarkId}/report`), reason: 'insult', text: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    // without the CSRF token
    await a.post(`/remarks/${remarkId}/report`).type('form').send({ reason: 'insult' }).expect(403);

    const own = await (await signIn(author)).a.get(`/remarks/${remarkId}/report`).set('Accept-Language', 'en').expect(200);
    expect(textOf(own.text, 'report-blocked')).toBe('This is your own remark: you cannot report it.');
    expect(own.text).toContain(phone); // the author reads the original
    expect(own.text).not.toContain(`action="/remarks/${remarkId}/report"`);

    const unconfirmed = await (await signIn(unverified)).a.get(`/remarks/${remarkId}/report`).set('Accept-Language', 'kk').expect(200);
    expect(textOf(unconfirmed.text, 'report-blocked')).toContain(
      'Ескерту туралы модераторларға хабарламас бұрын электрондық пошта мекенжайыңызды растаңыз',
    );
    expect(unconfirmed.text).toContain('action="/verify-email/resend"');

    await a.get(`/remarks/00000000-0000-4000-8000-000000000000/report`).expect(404);
  });

  it('a report goes back to the remark on the plan with the confirmation in its card; then "You reported this remark"; the form says when; the second one says ALREADY_REPORTED', async () => {
    const { a } = await signIn(reporter);
    const page = await a.get(`/remarks/${remarkId}/report`).expect(200);
    const csrf = csrfOf(page.text, `/remarks/${remarkId}/report`);
    const sent = await a
      .post(`/remarks/${remarkId}/report`)
      .type('form')
      .send({ _csrf: csrf, reason: 'insult', text: 'Calls <everyone> thieves' })
      .expect(303);
    expect(sent.headers.location).toBe(`/plans/${planId}?done=reported&remark=${remarkId}#remark-${remarkId}`);
    const plan = await a.get(`/plans/${planId}?done=reported&remark=${remarkId}`).set('Accept-Language', 'en').expect(200);
    // where the reader lands (#remark-…), not 650px above
    expect(cardOf(plan.text, remarkId)).toContain(
      '<p class="notice-ok" role="status" id="flash">Thank you: your report has been sent to the moderators.</p>',
    );
    expect(plan.text.match(/id="flash"/g)).toHaveLength(1);
    expect(cardOf(plan.text, remarkId)).not.toContain(`href="/remarks/${remarkId}/report"`);
    const later = await a.get(`/plans/${planId}`).set('Accept-Language', 'en').expect(200);
    expect(textOf(later.text, `reported-${remarkId}`)).toBe('You reported this remark.');
    expect(later.text).not.toContain(`href="/remarks/${remarkId}/report"`);
    const form = await a.get(`/remarks/${remarkId}/report`).set('Accept-Language', 'en').expect(200);
    expect(textOf(form.text, 'report-blocked')).toMatch(
      /^You already reported this remark on 2 March 2027.*; the moderators will decide\.$/,
    );
    expect(form.text).not.toContain(`action="/remarks/${remarkId}/report"`);
    expect(form.text).toMatch(/<p class="more"><a href="\/plans\/[^"]+#remark-[^"]+">Back to the plan<\/a><\/p>/);
    // moderators and the plan's organizer get no report link (they moderate, they answer); another reader does
    for (const who of [moderatorA, organizer]) {
      const page = await t.http.get(`/plans/${planId}`).set(authNow(t, who)).expect(200);
      expect(page.text).not.toContain(`href="/remarks/${remarkId}/report"`);
    }
    const otherReader = await t.http.get(`/plans/${planId}`).set(authNow(t, reporter2)).set('Accept-Language', 'kk').expect(200);
    expect(otherReader.text).toContain(`aria-label="Бұл ескерту туралы модераторларға хабарлау">Модераторларға хабарлау</a>`);

    const again = await a
      .post(`/remarks/${remarkId}/report`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrf, reason: 'spam' });
    expect(again.status).toBe(409);
    expect(textOf(again.text, 'form-error')).toBe('You have already reported this remark.');
    expect(textOf(again.text, 'report-blocked')).toContain('You already reported this remark on');
  });

  it('the queue shows the reported remark with its original text, the plan and the reports, oldest first', async () => {
    const { a } = await signIn(moderatorA);
    const page = await a.get('/moderation').set('Accept-Language', 'ru').expect(200);
    expect(page.text).toContain(`id="queue-${remarkId}"`);
    expect(page.text).toContain(body.replace(phone, '')); // the original, with the phone
    expect(page.text).toContain(phone);
    expect(page.text).toContain(`<a href="/plans/${planId}#remark-${remarkId}">Ремонт школы</a>`);
    expect(page.text).toContain('Открытые жалобы (1)');
    expect(page.text).toContain('<strong>оскорбление</strong>');
    expect(page.text).toContain('Calls &lt;everyone&gt; thieves');
    expect(page.text).toContain(`href="/moderation/remarks/${remarkId}"`);
    const kk = await a.get('/moderation').set('Accept-Language', 'kk').expect(200);
    expect(kk.text).toContain('<h1>Модерация кезегі</h1>');
    expect(kk.text).toContain('Мектепті жөндеу');
  });

  it('the decision: errors by their fields; hide hides the remark and closes the report; hiding again is ALREADY_HIDDEN', async () => {
    const { a } = await signIn(moderatorA);
    const url = `/moderation/remarks/${remarkId}`;
    const page = await a.get(url).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('<h1>Remark under moderation</h1>');
    expect(page.text).toContain(phone);
    expect(page.text).toContain('Public.');
    expect(page.text).toContain('(open)');
    expect(page.text).toContain('<legend>Decision</legend>');
    const csrf = csrfOf(page.text, url);

    const blank = await a.post(url).set('Accept-Language', 'en').type('form').send({ _csrf: csrf, action: 'hide', reason: '', note: '' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.text, 'decision-reason-error')).toBe('Choose the reason to hide the remark.');
    expect(textOf(blank.text, 'decision-note-error')).toBe('Write a note for the author: 1 to 2000 characters.');
    expect(blank.text).toMatch(
      /id="decision-reason"[^>]*aria-describedby="decision-reason-error decision-reason-hint"[^>]*aria-invalid="true"[^>]*autofocus/,
    );
    const none = await a.post(url).set('Accept-Language', 'kk').type('form').send({ _csrf: csrf, note: '' });
    expect(none.status).toBe(400);
    expect(textOf(none.text, 'decision-action-error')).toBe('Ескертуді жасыру немесе ашық қалдыруды таңдаңыз.');
    expect((await remark()).hiddenAt).toBeNull();

    t.clock.set(new Date('2027-03-03T10:00:00+05:00'));
    const hidden = await a
      .post(url)
      .type('form')
      .send({ _csrf: csrf, action: 'hide', reason: 'insult', note: 'Insults other participants.' })
      .expect(303);
    expect(hidden.headers.location).toBe(`${url}?done=hidden`);
    const r = await remark();
    expect(r.hiddenAt).not.toBeNull();
    expect(r.hiddenReason).toBe('insult');
    const after = await a.get(`${url}?done=hidden`).set('Accept-Language', 'en').expect(200);
    expect(after.text).toContain('The remark is hidden. Its author is told by e-mail.');
    expect(after.text).toContain('(closed by a decision)');
    expect(after.text).toContain('Moderator Alma');
    expect(after.text).toContain('Insults other participants.');
    expect(untimed(after.text)).toMatch(/<strong>Hidden on 3 March 2027[^<]* by Moderator Alma<\/strong>; reason: insult/);
    // hidden, no appeal: only "Restore" is offered (hiding again would be ALREADY_HIDDEN)
    expect(after.text).toContain('Restore it: make it public again');
    expect(after.text).not.toContain('value="hide"');
    expect(after.text).not.toContain('Keep it hidden');
    expect((await a.get('/moderation').set('Accept-Language', 'en').expect(200)).text).toContain('id="queue-empty"');

    const again = await a
      .post(url)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrf, action: 'hide', reason: 'spam', note: 'Again' });
    expect(again.status).toBe(409);
    expect(textOf(again.text, 'form-error')).not.toBe('');

    // a hidden remark is not reported again
    const { a: b } = await signIn(reporter2);
    const report = await b.get(`/remarks/${remarkId}/report`).set('Accept-Language', 'en').expect(200);
    expect(textOf(report.text, 'report-blocked')).toBe('This remark is already hidden by a moderator.');
    expect(report.text).not.toContain('You are all thieves');
    expect(report.text).toContain('Hidden by a moderator on');
    const forced = await b
      .post(`/remarks/${remarkId}/report`)
      .type('form')
      .send({ _csrf: csrfOf((await b.get('/account').expect(200)).text), reason: 'spam' });
    expect(forced.status).toBe(409);
  });

  it('the appeal: the author reads when, why and the note, and until when; others are refused; one appeal', async () => {
    const url = `/remarks/${remarkId}/appeal`;
    const { a: other } = await signIn(reporter);
    await other.get(url).expect(403);

    const { a } = await signIn(author);
    const page = await a.get(url).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('<h1>Appeal against hiding your remark</h1>');
    expect(page.text).toContain(phone); // the author's own text
    expect(page.text).toContain('Insults other participants.');
    expect(page.text).toContain('<dd>insult</dd>');
    expect(page.text).not.toContain('Moderator Alma'); // the author reads no moderator's name
    // 5 working days from 3 March 2027 (a Wednesday; 8 March is a holiday)
    expect(textOf(page.text, 'appeal-until')).toMatch(/^You can appeal until \d+ March 2027.*23:59\.$/);
    const csrf = csrfOf(page.text, url);
    const ru = await a.get(url).set('Accept-Language', 'ru').expect(200);
    expect(ru.text).toContain('<h1>Апелляция на скрытие вашего замечания</h1>');

    const blank = await a.post(url).set('Accept-Language', 'en').type('form').send({ _csrf: csrf, text: '   ' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.text, 'appeal-text-error')).toBe('Write your appeal: 1 to 2000 characters.');

    const sent = await a.post(url).type('form').send({ _csrf: csrf, text: 'I was angry, but the point about the lot stands.' }).expect(303);
    expect(sent.headers.location).toBe(`${url}?done=appealed`);
    const after = await a.get(`${url}?done=appealed`).set('Accept-Language', 'en').expect(200);
    expect(after.text).toContain('Your appeal has been sent.');
    expect(after.text).toContain('I was angry, but the point about the lot stands.');
    expect(after.text).not.toContain(`<form class="form" method="post" action="${url}"`);
    expect(after.text).toContain('id="appeal-blocked"');
    // the plan page and "my remarks": no appeal link any more, "Appeal pending", and the moderator's note
    for (const path of [`/plans/${planId}`, '/my/remarks']) {
      const own = await a.get(path).set('Accept-Language', 'en').expect(200);
      expect(own.text).not.toContain(`href="${url}"`);
      expect(textOf(own.text, `appeal-state-${remarkId}`)).toBe('Appeal pending: another moderator decides.');
      expect(textOf(own.text, `moderator-note-${remarkId}`)).toBe("Moderator's note: Insults other participants.");
    }
    const publicPage = await t.http.get(`/plans/${planId}`).set('Accept-Language', 'en').expect(200);
    expect(publicPage.text).not.toContain('Insults other participants.');
    const kkOwn = await a.get(`/plans/${planId}`).set('Accept-Language', 'kk').expect(200);
    expect(textOf(kkOwn.text, `moderator-note-${remarkId}`)).toBe('Модератордың түсініктемесі: Insults other participants.');

    const again = await a.post(url).set('Accept-Language', 'en').type('form').send({ _csrf: csrf, text: 'Once more' });
    expect(again.status).toBe(409);
    expect(textOf(again.text, 'form-error')).not.toBe('');
  });

  it('the moderator who hid it cannot decide the appeal (SAME_MODERATOR); another moderator restores the remark', async () => {
    const url = `/moderation/remarks/${remarkId}`;
    const { a } = await signIn(moderatorA);
    const page = await a.get(url).set('Accept-Language', 'en').expect(200);
    expect(textOf(page.text, 'cannot-decide')).toContain('You made the decision under appeal');
    expect(page.text).not.toContain('<legend>Decision</legend>');
    const refused = await a
      .post(url)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrfOf(page.text), action: 'keep', reason: '', note: '' });
    expect(refused.status).toBe(409);
    expect(textOf(refused.text, 'form-error')).toBe(
      'The appeal is decided by another moderator or an administrator, not by the one who hid the remark.',
    );

    // in the queue, the moderator whose decision is appealed is told another one decides
    const own = await a.get('/moderation').set('Accept-Language', 'en').expect(200);
    expect(own.text).toContain('You hid this remark: another moderator decides.');
    expect(own.text).not.toContain('>Open and decide</a>');

    const { a: b } = await signIn(moderatorB);
    const queue = await b.get('/moderation').set('Accept-Language', 'en').expect(200);
    expect(queue.text).toContain('>Open and decide</a>');
    expect(queue.text).not.toContain('You hid this remark');
    expect(queue.text).toContain('<span class="badge">Appeal</span>');
    expect(queue.text).toContain('I was angry, but the point about the lot stands.');
    expect(queue.text).toContain('Hidden by Moderator Alma on');
    const decide = await b.get(url).set('Accept-Language', 'en').expect(200);
    expect(decide.text).toContain('The author has appealed against hiding this remark');
    expect(decide.text).toContain('Restore it: make it public again');
    expect(decide.text).toContain('Keep it hidden (uphold the decision)');
    // "uphold" starts with the reason of the decision under appeal
    expect(decide.text).toContain('<option value="insult" selected>');
    const kept = await b
      .post(url)
      .type('form')
      .send({ _csrf: csrfOf(decide.text, url), action: 'keep', reason: '', note: 'Rude but on topic.' })
      .expect(303);
    expect(kept.headers.location).toBe(`${url}?done=restored`);
    expect((await remark()).hiddenAt).toBeNull();
    const after = await b.get(`${url}?done=restored`).set('Accept-Language', 'en').expect(200);
    expect(textOf(after.text, 'flash')).toMatch(/^Appeal granted: the remark is public again; its answer is due by \d+ March 2027/);
    expect(untimed(after.text)).toMatch(/<strong>Restored on appeal on [^<]+ by Moderator Bek<\/strong>/);
    const ru = await b.get(url).set('Accept-Language', 'ru').expect(200);
    expect(untimed(ru.text)).toMatch(/<strong>Скрыто [^<]+, модератор: Moderator Alma<\/strong>; причина: оскорбление/);
    expect(ru.text).toContain('Видно всем (не скрыто).');

    const { a: au } = await signIn(author);
    const appeal = await au.get(`/remarks/${remarkId}/appeal`).set('Accept-Language', 'en').expect(200);
    expect(textOf(appeal.text, 'appeal-blocked')).toBe('This remark is public: there is nothing to appeal.');
    const plan = await au.get(`/plans/${planId}`).set('Accept-Language', 'en').expect(200);
    expect(textOf(plan.text, `appeal-state-${remarkId}`)).toBe('Restored on appeal.');
    expect(plan.text).not.toContain(`moderator-note-${remarkId}`);
  });

  it("the plan page's moderation reads (appeal state, the reader's reports) are one query each for the page, served by indexes", async () => {
    const ids = (await t.db.query(`SELECT id FROM remarks WHERE plan_id = $1`, [planId])).map((r: { id: string }) => r.id);
    const runner = t.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off'); // a scan that remains has no index to use
      for (const [sql, params] of [
        [REMARK_MODERATION_SQL, [ids]],
        [OWN_REPORTS_SQL, [ids, reporter.user.id]],
      ] as const) {
        const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${sql.text}`, [...params]);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).not.toMatch(/Seq Scan on (moderation_decisions|remark_appeals|remark_reports)/);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    const state = await t.app.get(PublicPagesRepository).remarkModeration(ids);
    expect(state.get(remarkId)).toMatchObject({ hide_note: 'Insults other participants.', appeal_action: 'keep' });
  });

  /** A new remark on the plan by a new author. */
  async function newRemark(text: string): Promise<string> {
    const writer = await createUser(t, 'citizen', { displayName: `Writer ${text.slice(0, 12)}` });
    return (await t.http.post(`${API}/plans/${planId}/remarks`).set(authNow(t, writer)).send({ body: text, language: 'en' }).expect(201))
      .body.id;
  }

  it('reports past the hourly limit are refused with RATE_LIMITED and Retry-After, shown on the form', async () => {
    const someone = await createUser(t, 'citizen', { displayName: 'Eager Reporter' });
    const { a } = await signIn(someone);
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await newRemark(`Limit remark ${i}`));
    const csrf = csrfOf((await a.get(`/remarks/${ids[0]}/report`).expect(200)).text);
    for (const id of ids.slice(0, 3)) await a.post(`/remarks/${id}/report`).type('form').send({ _csrf: csrf, reason: 'spam' }).expect(303);
    const limited = await a
      .post(`/remarks/${ids[3]}/report`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrf, reason: 'spam' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(textOf(limited.text, 'form-error')).toBe('Too many attempts. Please try again later.');
  });

  it('the queue is keyset-paged, oldest first, without gaps or repeats', async () => {
    const start = new Date('2027-03-03T11:00:00+05:00').getTime();
    const reporters = await Promise.all([...Array(7).keys()].map((i) => createUser(t, 'citizen', { displayName: `Pager ${i}` })));
    for (let i = 0; i < 21; i++) {
      const id = await newRemark(`Paged remark ${i}`);
      t.clock.set(new Date(start + i * 60_000));
      await t.http
        .post(`${API}/remarks/${id}/reports`)
        .set(authNow(t, reporters[i % 7]))
        .send({ reason: 'off_topic' })
        .expect(201);
    }
    const { a } = await signIn(moderatorB);
    const first = await a.get('/moderation').set('Accept-Language', 'en').expect(200);
    const idsOf = (page: string) => [...page.matchAll(/id="queue-([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const page1 = idsOf(first.text);
    expect(page1).toHaveLength(20);
    const next = /href="(\/moderation\?cursor=[^"]+)">Next page</.exec(first.text)![1].replace(/&amp;/g, '&');
    const second = await a.get(next).set('Accept-Language', 'en').expect(200);
    const page2 = idsOf(second.text);
    expect(page2).toHaveLength(4); // 3 reported above past the limit test, and 21 here
    expect(second.text).toContain('<a href="/moderation">Back to the first page</a>');
    expect(new Set([...page1, ...page2]).size).toBe(24);
    expect(first.text.indexOf('Limit remark 0')).toBeLessThan(first.text.indexOf('Paged remark 0'));
    expect(second.text).toContain('Paged remark 20');
  });

  it('after the appeal window the author is told it closed, and a late appeal is APPEAL_WINDOW_CLOSED', async () => {
    const { a: au } = await signIn(author);
    const late = (
      await t.http
        .post(`${API}/plans/${planId}/remarks`)
        .set(authNow(t, author))
        .send({ body: 'Another point', language: 'en' })
        .expect(201)
    ).body.id;
    await t.http
      .post(`${API}/remarks/${late}/moderation`)
      .set(authNow(t, moderatorA))
      .send({ action: 'hide', reason: 'off_topic', note: 'Not about this plan.' })
      .expect(200);
    const open = await au.get(`/remarks/${late}/appeal`).set('Accept-Language', 'en').expect(200);
    const csrf = csrfOf(open.text, `/remarks/${late}/appeal`);
    t.clock.set(new Date('2027-03-20T10:00:00+05:00'));
    const closed = await au.get(`/remarks/${late}/appeal`).set('Accept-Language', 'en').expect(200);
    expect(textOf(closed.text, 'appeal-blocked')).toMatch(/^The time to appeal ended on \d+ March 2027.*23:59\.$/);
    expect(closed.text).not.toContain(`action="/remarks/${late}/appeal"`);
    const refused = await au
      .post(`/remarks/${late}/appeal`)
      .set('Accept-Language', 'ru')
      .type('form')
      .send({ _csrf: csrf, text: 'Too late?' });
    expect(refused.status).toBe(409);
    expect(textOf(refused.text, 'form-error')).not.toBe('');
  });

  it('registration requires consent (CONSENT_REQUIRED on the box) and records it', async () => {
    const a = agent();
    const form = await a.get('/register').set('Accept-Language', 'en').expect(200);
    expect(form.text).toContain('<legend>Publication of your name and remarks</legend>');
    expect(form.text).toContain('<label for="consent">I consent to the publication of my display name and remarks</label>');
    expect(form.text).toContain('Law of the Republic of Kazakhstan on Personal Data');
    const email = 'consent-check@example.kz';
    const refused = await a
      .post('/register')
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/register'), email, displayName: 'Dana', password: 'Steppe-wind-2027' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.text, 'consent-error')).toBe(
      'Consent to the publication of your display name and remarks is needed to take part.',
    );
    expect(refused.text).toMatch(/id="consent"[^>]*aria-describedby="consent-error consent-hint"[^>]*aria-invalid="true"[^>]*autofocus/);
    expect(await t.db.getRepository(User).countBy({ emailKey: email })).toBe(0);
    const kk = await a
      .post('/register')
      .set('Accept-Language', 'kk')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/register'), email, displayName: 'Dana', password: 'Steppe-wind-2027' });
    expect(kk.status).toBe(400);
    expect(kk.text).toContain('Көрсетілетін атым мен ескертулерімді жариялауға келісемін');

    await a
      .post('/register')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/register'), email, displayName: 'Dana', password: 'Steppe-wind-2027', consent: 'true' })
      .expect(200);
    const user = await t.db.getRepository(User).findOneByOrFail({ emailKey: email });
    expect(user.consentAt).not.toBeNull();
  });

  it('the administrator creates a moderator account (no organizer, no council); it is listed with its role and lands on the queue', async () => {
    const { a } = await signIn(admin);
    const page = await a.get('/admin/users').set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('id="user-role-moderator"');
    expect(page.text).toContain('A moderator belongs to no organizer and no public council');
    const email = 'new.moderator@example.kz';
    const created = await a
      .post('/admin/users')
      .type('form')
      .send({
        _csrf: csrfOf(page.text, '/admin/users'),
        role: 'moderator',
        email,
        displayName: 'Moderator Dana',
        password: 'Steppe-wind-2027',
        locale: 'kk',
      })
      .expect(303);
    expect(created.headers.location).toBe('/admin/users?done=created');
    const user = await t.db.getRepository(User).findOneByOrFail({ emailKey: email });
    expect(user).toMatchObject({ role: 'moderator', organizationId: null, councilId: null, isChair: false });
    const list = await a.get('/admin/users').set('Accept-Language', 'en').expect(200);
    expect(list.text).toMatch(/<th scope="row">Moderator Dana<\/th><td>new\.moderator@example\.kz<\/td>\s*<td>moderator<\/td>/);

    const m = agent();
    const form = await m.get('/login').expect(200);
    const signedIn = await m
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/login'), email, password: 'Steppe-wind-2027', next: '/' })
      .expect(303);
    expect(signedIn.headers.location).toBe('/moderation');
    const queue = await m.get('/moderation').set('Accept-Language', 'kk').expect(200);
    expect(queue.text).toContain('<h1>Модерация кезегі</h1>');
  });
});
