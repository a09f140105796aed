import { DateTime } from 'luxon';
import { TokenService } from '../../src/identity/auth/token.service';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { Plan } from '../../src/plans/plan.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { OrganizerPagesRepository } from '../../src/web/organizer/organizer-pages.repository';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { captureStatements } from '../support/statements';
import { untimed } from '../support/page-text';

/** The organizer's pages over HTTP: the gate, every form with its errors, and the whole procedure. */
describe('organizer pages (/organizer)', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let other: CreatedUser;
  let citizen: CreatedUser;
  let citizen2: CreatedUser;
  let chair: CreatedUser;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const akimat = await createOrganization(t.db, council, { name: 'Akimat of Almaty city' });
    const health = await createOrganization(t.db, council, { name: 'Health department' });
    organizer = await createUser(t, 'organizer', { organizationId: akimat.id, displayName: 'Akimat procurement' });
    other = await createUser(t, 'organizer', { organizationId: health.id, displayName: 'Health procurement' });
    citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.', locale: 'kk' });
    citizen2 = await createUser(t, 'citizen', { displayName: 'Olga M.', locale: 'ru' });
    chair = await createUser(t, 'council_member', { councilId: council.id, isChair: true });
  });

  afterAll(async () => {
    await t?.close();
  });

  const cookie = (u: CreatedUser) => `session=${u.token}`;
  const get = (path: string, u?: CreatedUser, lang = 'en') => {
    const r = t.http.get(path).set('accept-language', lang);
    return u ? r.set('cookie', cookie(u)) : r;
  };
  const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)![1];
  async function post(path: string, u: CreatedUser, form: Record<string, string>, lang = 'en') {
    const token = csrfOf((await get('/organizer', u)).text);
    return t.http
      .post(path)
      .set('cookie', cookie(u))
      .set('accept-language', lang)
      .type('form')
      .send({ ...form, _csrf: token });
  }
  /** Moves the clock and signs everyone in again (sessions expire by the clock). */
  const at = (iso: string) => {
    t.clock.set(new Date(iso));
    for (const u of [organizer, other, citizen, citizen2, chair]) {
      u.token = t.app.get(TokenService).sign(u.user.id).token;
      u.auth = { Authorization: `Bearer ${u.token}` };
    }
  };

  it('sends signed-out visitors to sign in and refuses non-organizers with a 403 page in their language', async () => {
    const anon = await get('/organizer/remarks');
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent('/organizer/remarks')}`);

    const refused = await get('/organizer', citizen, 'ru');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<html lang="ru">');
    expect(refused.text).toContain('Эти страницы — для сотрудников организатора');
    expect((refused.text.match(/<h1/g) ?? []).length).toBe(1);

    const kk = await get('/organizer/plans/new', chair, 'kk');
    expect(kk.status).toBe(403);
    expect(kk.text).toContain('Бұл беттер ұйымдастырушы қызметкерлеріне арналған');

    // a POST without a CSRF token changes nothing
    const forged = await t.http.post('/organizer/plans').set('cookie', cookie(organizer)).type('form').send({ title: 'x' });
    expect(forged.status).toBe(403);
  });

  it('creates a draft: errors by the fields in the reader’s language with the values kept, then a draft only its organization sees', async () => {
    const form = await get('/organizer/plans/new', organizer);
    expect(form.status).toBe(200);
    for (const id of [
      'title_kk',
      'title_ru',
      'title_en',
      'description_kk',
      'description_ru',
      'subjectCode',
      'amount',
      'method',
      'plannedQuarter',
      'deliveryPlace_kk',
    ])
      expect(form.text).toContain(`<label for="${id}">`);
    // Kazakh and Russian side by side, each input in its language
    expect(form.text).toMatch(/<input type="text" id="title_kk" name="title_kk" lang="kk"/);
    expect(form.text).toMatch(/<textarea id="description_ru" name="description_ru" lang="ru"/);

    const bad = await post(
      '/organizer/plans',
      organizer,
      {
        title_en: 'School meals for 2027',
        description_kk: '',
        subjectCode: '56.29.20',
        amount: '12,5 million',
        method: '',
        plannedQuarter: '2027-Q9',
      },
      'ru',
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="School meals for 2027"');
    expect(bad.text).toContain('value="12,5 million"');
    expect(bad.text).toMatch(/id="amount-error">Укажите сумму в целых тенге/);
    expect(bad.text).toMatch(/<input type="text" id="amount"[^>]*aria-describedby="amount-error amount-hint" aria-invalid="true"/);
    expect(bad.text).toContain('id="description-error"');
    expect(bad.text).toContain('id="method-error"');
    expect(bad.text).toContain('id="plannedQuarter-error"');
    expect(bad.text).not.toContain('id="title-error"');
    expect(await t.db.getRepository(Plan).count()).toBe(0);

    const ok = await post('/organizer/plans', organizer, {
      title_kk: '2027 жылға мектеп тамағы',
      title_ru: 'Школьное питание на 2027 год',
      title_en: 'School meals for 2027',
      description_kk: '1-4 сынып оқушыларына ыстық тамақ.',
      description_ru: 'Горячее питание для учеников 1-4 классов.',
      subjectCode: '56.29.20',
      amount: '12 500 000',
      method: 'open_tender',
      plannedQuarter: '2027-Q2',
      deliveryPlace_ru: 'Школы Алматы',
    });
    expect(ok.status).toBe(303);
    const match = /^\/organizer\/plans\/([0-9a-f-]{36})\?done=created$/.exec(ok.headers.location);
    expect(match).not.toBeNull();
    planId = match![1];
    const plan = await t.db.getRepository(Plan).findOneByOrFail({ id: planId });
    expect(plan).toMatchObject({ amount: 12500000, method: 'open_tender', plannedQuarter: '2027-Q2', publishedAt: null });
    expect(plan.title.toJSON()).toEqual({
      kk: '2027 жылға мектеп тамағы',
      ru: 'Школьное питание на 2027 год',
      en: 'School meals for 2027',
    });
    expect(plan.deliveryPlace!.toJSON()).toEqual({ kk: null, ru: 'Школы Алматы', en: null });

    const hub = await get(`/organizer/plans/${planId}?done=created`, organizer);
    expect(hub.text).toContain('The draft is saved.');
    // the window that publishing would open, in the organizer's time zone
    expect(untimed(hub.text)).toMatch(
      /Publishing now opens stage one: remarks will be accepted from 1 March 2027 at 10:00 until \d+ March 2027 at 23:59/,
    );
    expect((await get(`/organizer/plans/${planId}`, other)).status).toBe(404);
    expect((await get(`/plans/${planId}`)).status).toBe(404);
  });

  it('edits a draft side by side, lists the missing translations before publishing, and refuses publication without both languages', async () => {
    const created = await post('/organizer/plans', organizer, {
      title_ru: 'Закуп мебели',
      description_ru: 'Парты и стулья',
      subjectCode: '310112',
      amount: '1000000',
      method: 'auction',
    });
    expect(created.status).toBe(303);
    const id = /plans\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
    const hub = await get(`/organizer/plans/${id}`, organizer, 'kk');
    // a Kazakh reader sees the Russian title marked with its language, and what is missing before the publish button
    expect(hub.text).toContain('<span lang="ru">Закуп мебели</span>');
    const missing = hub.text.indexOf('notice-warning');
    expect(missing).toBeGreaterThan(-1);
    expect(missing).toBeLessThan(hub.text.indexOf(`action="/organizer/plans/${id}/publish"`));
    expect(hub.text).toContain(`href="/organizer/plans/${id}/edit"`);

    const refused = await post(`/organizer/plans/${id}/publish`, organizer, {}, 'en');
    expect(refused.status).toBe(422);
    // in words, not the API's field paths: the missing translations are listed by name above the button
    expect(refused.text).toContain('The plan cannot be published yet: its title and description are needed in Kazakh and in Russian.');
    expect(refused.text).not.toContain('title.kk');
    expect((await t.db.getRepository(Plan).findOneByOrFail({ id })).publishedAt).toBeNull();

    const edit = await get(`/organizer/plans/${id}/edit`, organizer);
    expect(edit.status).toBe(200);
    expect(edit.text).toMatch(/id="title_ru" name="title_ru" lang="ru" value="Закуп мебели"/);
    expect((await get(`/organizer/plans/${id}/edit`, other)).status).toBe(404);
    const blank = await post(`/organizer/plans/${id}/edit`, organizer, {
      title_ru: '',
      subjectCode: '310112',
      amount: '1000000',
      method: 'auction',
    });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('id="title-error"');
    const saved = await post(`/organizer/plans/${id}/edit`, organizer, {
      title_kk: 'Жиһаз сатып алу',
      title_ru: 'Закуп мебели',
      description_kk: 'Парталар мен орындықтар',
      description_ru: 'Парты и стулья',
      subjectCode: '310112',
      amount: '2 000 000',
      method: 'auction',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/organizer/plans/${id}?done=saved`);
    const after = await t.db.getRepository(Plan).findOneByOrFail({ id });
    expect(after.title.toJSON()).toEqual({ kk: 'Жиһаз сатып алу', ru: 'Закуп мебели', en: null });
    expect(after.amount).toBe(2_000_000);
    const ready = await get(`/organizer/plans/${id}`, organizer, 'kk');
    expect(ready.text).not.toContain('notice-warning');
    expect(ready.text).toContain('<h1>Жиһаз сатып алу</h1>');

    expect((await post(`/organizer/plans/${id}/publish`, organizer, {})).status).toBe(303);
    // after publication: the edit form is gone, translations may still be added
    expect((await get(`/organizer/plans/${id}/edit`, organizer)).status).toBe(303);
    const translations = await get(`/organizer/plans/${id}/translations`, organizer);
    expect(translations.status).toBe(200);
    expect(translations.text).toContain('id="deliveryPlace_kk-hint"');
    const conflict = await post(`/organizer/plans/${id}/translations`, organizer, { title_ru: 'Другое', title_en: 'Furniture' });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('id="title_ru-error"');
    const outbox = (await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n;
    const added = await post(`/organizer/plans/${id}/translations`, organizer, { title_en: 'Furniture', title_ru: 'Закуп мебели' });
    expect(added.status).toBe(303);
    expect((await t.db.getRepository(Plan).findOneByOrFail({ id })).title.get('en')).toBe('Furniture');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n).toBe(outbox);
  });

  it('publishes the draft; a second publication is refused next to the button', async () => {
    const res = await post(`/organizer/plans/${planId}/publish`, organizer, {});
    expect(res.status).toBe(303);
    expect((await t.db.getRepository(Plan).findOneByOrFail({ id: planId })).publishedAt).toEqual(t.clock.now());
    const again = await post(`/organizer/plans/${planId}/publish`, organizer, {}, 'kk');
    expect(again.status).toBe(409);
    expect(again.text).toContain('Тек жобаны өзгертуге немесе жариялауға болады.');
    // another organizer is refused the published plan's pages
    const foreign = await get(`/organizer/plans/${planId}/hearing`, other, 'ru');
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain('У вас нет прав на это действие.');
    expect(foreign.text).toContain('Health procurement'); // the header still shows who is signed in
  });

  it('lists the organization’s plans by status with the next deadline, paged by keyset', async () => {
    const repo = t.db.getRepository(Plan);
    for (let i = 0; i < 22; i++) {
      await repo.save(
        repo.create({
          organizationId: organizer.user.organizationId!,
          createdBy: organizer.user.id,
          title: LocalizedText.single(`Draft ${String(i).padStart(2, '0')}`, 'en')!,
          description: LocalizedText.single('d', 'en')!,
          subjectCode: 'c',
          amount: 1,
          method: 'auction' as const,
        }),
      );
    }
    const first = await get('/organizer?status=draft', organizer);
    expect(first.status).toBe(200);
    const titles = (text: string) => [...text.matchAll(/<a href="\/organizer\/plans\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles(first.text)).toHaveLength(20);
    expect(first.text).not.toContain('School meals for 2027');
    const next = /href="(\/organizer\?status=draft&amp;cursor=[^"]+)"/.exec(first.text)![1].replace(/&amp;/g, '&');
    const second = await get(next, organizer);
    expect(titles(second.text)).toHaveLength(2);
    expect(new Set([...titles(first.text), ...titles(second.text)]).size).toBe(22);

    const open = await get('/organizer?status=stage1_open', organizer);
    expect(titles(open.text)).toEqual(['Furniture', 'School meals for 2027']);
    expect(untimed(open.text)).toMatch(/Stage one closes \d+ March 2027 at 23:59/);
    expect(open.text).toContain('aria-current="page">Stage one open</a>');
    // the other organization sees none of them
    expect(titles((await get('/organizer', other)).text)).toEqual([]);
  });

  it('queues unanswered remarks by answer due date, answers one there with field errors first, and e-mails the author', async () => {
    for (const [u, body] of [
      [citizen, 'First remark: publish the menu.'],
      [citizen2, 'Second remark: what about allergies?'],
    ] as const) {
      at(new Date(t.clock.now().getTime() + 26 * 3600_000).toISOString());
      const r = await t.http.post(`/api/v1/plans/${planId}/remarks`).set(u.auth).send({ body, language: 'en' });
      expect(r.status).toBe(201);
    }
    const queue = await get('/organizer/remarks', organizer);
    expect(queue.text.indexOf('First remark')).toBeLessThan(queue.text.indexOf('Second remark'));
    expect(untimed(queue.text)).toMatch(/Answer due by \d+ March 2027/);
    const first = await t.db.getRepository(Remark).findOneByOrFail({ body: 'First remark: publish the menu.' });

    // the answer's text in Kazakh and Russian side by side, English folded (issue 15): fields answer-<remark>_kk, _ru, _en
    const bad = await post(`/organizer/remarks/${first.id}/answer`, organizer, { disposition: '', [`answer-${first.id}_en`]: 'Too short' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(`id="disposition-${first.id}-error">Choose the disposition.`);
    expect(bad.text).toContain(`id="answer-${first.id}-error">Write a reasoned answer (at least 20 characters).`);
    expect(bad.text).toContain('>Too short</textarea>');

    const ok = await post(`/organizer/remarks/${first.id}/answer`, organizer, {
      disposition: 'accepted',
      [`answer-${first.id}_en`]: 'The weekly menu will be published on the school website.',
      [`answer-${first.id}_ru`]: 'Меню на неделю будет опубликовано на сайте школы.',
    });
    expect(ok.status).toBe(303);
    const after = await get(ok.headers.location, organizer);
    expect(after.text).toContain('The answer was published');
    expect(after.text).not.toContain('First remark');
    await t.flushMail();
    expect(t.smtp.messages.some((m) => m.envelopeTo.includes(citizen.user.email))).toBe(true);
  });

  it('schedules the hearing on an allowed date only, explains refused dates, cancels with a reason, and publishes the protocol', async () => {
    const plan = await t.db.getRepository(Plan).findOneByOrFail({ id: planId });
    const early = await get(`/organizer/plans/${planId}/hearing`, organizer);
    expect(early.text).toContain('The hearing can be scheduled after stage one closes');
    expect(early.text).not.toContain('name="date"');

    at(DateTime.fromJSDate(plan.stage1ClosesAt!).plus({ hours: 9 }).toISO()!);
    const page = await get(`/organizer/plans/${planId}/hearing`, organizer);
    const allowed = [...page.text.matchAll(/name="date" value="(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]);
    expect(allowed.length).toBeGreaterThan(3);
    expect(page.text).toContain('Dates that cannot be chosen');
    expect(untimed(page.text)).toMatch(/<del>[^<]+<\/del> — (Saturday|Sunday)/);
    expect(page.text).toContain('<legend>Date of the hearing</legend>');

    const outside = await post(`/organizer/plans/${planId}/hearing`, organizer, {
      date: allowed[1],
      time: '20:00',
      room: 'Hall 2',
      livestreamUrl: '',
    });
    expect(outside.status).toBe(422);
    expect(outside.text).toMatch(/id="time-error">The hearing cannot be held then: outside working hours 09:00-18:00/);
    expect(outside.text).toContain('value="Hall 2"');

    const badUrl = await post(`/organizer/plans/${planId}/hearing`, organizer, {
      date: allowed[1],
      time: '10:00',
      room: '',
      livestreamUrl: 'ftp://x',
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.text).toContain('id="livestreamUrl-error"');

    const scheduled = await post(`/organizer/plans/${planId}/hearing`, organizer, {
      date: allowed[1],
      time: '10:00',
      room: 'Hall 2',
      livestreamUrl: 'https://live.example.kz/1',
    });
    expect(scheduled.status).toBe(303);
    const view = await get(scheduled.headers.location, organizer);
    expect(view.text).toContain('The hearing is scheduled');
    expect(view.text).toContain('Move the hearing');

    const noReason = await post(`/organizer/plans/${planId}/hearing/cancel`, organizer, { reason: '  ' }, 'ru');
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="reason-error">Укажите причину');
    const cancelled = await post(`/organizer/plans/${planId}/hearing/cancel`, organizer, { reason: 'The hall is flooded.' });
    expect(cancelled.status).toBe(303);
    expect((await get(`/organizer/plans/${planId}/hearing`, organizer)).text).toContain('Cancelled: The hall is flooded.');

    const again = await post(`/organizer/plans/${planId}/hearing`, organizer, {
      date: allowed[2],
      time: '11:30',
      room: 'Hall 1',
      livestreamUrl: '',
    });
    expect(again.status).toBe(303);

    // after the hearing: the protocol form
    at(DateTime.fromISO(`${allowed[2]}T15:00`, { zone: 'Asia/Almaty' }).toISO()!);
    const held = await get(`/organizer/plans/${planId}/hearing`, organizer);
    expect(held.text).toContain('name="attendeesCount"');
    expect(held.text).not.toContain('Cancel the hearing');
    const badProtocol = await post(`/organizer/plans/${planId}/hearing/protocol`, organizer, {
      attendeesCount: 'many',
      speakers: '',
      summary: '',
      decisions: '',
    });
    expect(badProtocol.status).toBe(400);
    expect(badProtocol.text).toContain('id="attendeesCount-error"');
    expect(badProtocol.text).toContain('id="summary-error"');
    const protocol = await post(`/organizer/plans/${planId}/hearing/protocol`, organizer, {
      attendeesCount: '23',
      speakers: 'Aigerim S.\r\n\r\nOlga M.\r\n',
      summary: 'Menu and allergies were discussed.',
      decisions: 'Publish the menu\nAdd an allergy form',
    });
    expect(protocol.status).toBe(303);
    const published = await t.http.get(`/api/v1/plans/${planId}`);
    expect(published.body.protocol).toMatchObject({
      attendeesCount: 23,
      speakers: ['Aigerim S.', 'Olga M.'],
      decisions: ['Publish the menu', 'Add an allergy form'],
    });
  });

  it('responds to council recommendations (accepted yes/no + text)', async () => {
    const position = await t.http
      .post(`/api/v1/plans/${planId}/review/positions`)
      .set(chair.auth)
      .send({
        position: 'endorse_with_recommendations',
        text: 'Good hearing.',
        recommendations: ['Invite parents to the tender commission.'],
      });
    expect(position.status).toBe(201);
    const page = await get(`/organizer/plans/${planId}/recommendations`, organizer);
    expect(page.text).toContain('Invite parents to the tender commission.');
    const recId = /id="recommendation-([0-9a-f-]{36})"/.exec(page.text)![1];
    expect(page.text).toContain('<legend>Is the recommendation accepted?</legend>');

    const bad = await post(`/organizer/plans/${planId}/recommendations/${recId}/response`, organizer, { text: 'Yes' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(`id="accepted-${recId}-error">Choose yes or no.`);
    const ok = await post(`/organizer/plans/${planId}/recommendations/${recId}/response`, organizer, {
      accepted: 'yes',
      text: 'Two parents will observe the commission.',
    });
    expect(ok.status).toBe(303);
    const after = await get(`/organizer/plans/${planId}/recommendations`, organizer);
    expect(after.text).toContain('Your response: accepted');
  });

  it('publishes the notice from blank rows, with errors on the rows that are half filled', async () => {
    const sha = 'a'.repeat(64);
    const page = await get(`/organizer/plans/${planId}/notice`, organizer);
    expect((page.text.match(/<fieldset class="document">/g) ?? []).length).toBe(5);

    const bad = await post(`/organizer/plans/${planId}/notice`, organizer, {
      noticeNumber: 'N-1',
      doc1Title_en: 'Specification',
      doc1Url: 'http://insecure',
      doc1Sha256: sha,
      doc3Title_kk: 'Шарт',
      doc3Title_ru: 'Договор',
      doc3Url: '',
      doc3Sha256: 'xyz',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="doc1Url-error"');
    expect(bad.text).toContain('id="doc3Url-error"');
    expect(bad.text).toContain('id="doc3Sha256-error"');
    expect(bad.text).not.toContain('id="doc1Title-error"');
    // the titles are kk and ru side by side, each field with its language
    expect(bad.text).toContain('name="doc3Title_kk" lang="kk" value="Шарт"');
    expect(bad.text).toContain('name="doc3Title_ru" lang="ru" value="Договор"');

    const none = await post(`/organizer/plans/${planId}/notice`, organizer, { noticeNumber: 'N-1' });
    expect(none.text).toContain('id="doc1Title-error">Fill in at least one document.');

    // the first remark's answer accepted it: the table starts with it, and the notice must account for it
    const first = await t.db.getRepository(Remark).findOneByOrFail({ body: 'First remark: publish the menu.' });
    expect(page.text).toContain('<caption>Commitments to account for</caption>');
    expect(page.text).toContain(`name="c1Remark" value="${first.id}"`);
    expect(page.text).toContain('The weekly menu will be published on the school website.');
    const documents = {
      noticeNumber: 'N-1',
      doc2Title_en: 'Specification',
      doc2Url: 'https://docs.example.kz/spec.pdf',
      doc2Sha256: sha.toUpperCase(),
    };
    const unfinished = await post(`/organizer/plans/${planId}/notice`, organizer, {
      ...documents,
      c1Remark: first.id,
      c1Status: 'implemented',
    });
    expect(unfinished.status).toBe(422);
    expect(unfinished.text).toContain('id="c1Status-error">Unfinished');
    expect(unfinished.text).toMatch(/<option value="2" selected>2\. Specification<\/option>|<option value="2">2\. Specification<\/option>/);

    const ok = await post(`/organizer/plans/${planId}/notice`, organizer, {
      ...documents,
      c1Remark: first.id,
      c1Status: 'implemented',
      c1Document: '2',
      c1Location: 'Section 5, page 12',
      c1Explanation: 'The specification requires the weekly menu on the website.',
    });
    expect(ok.status).toBe(303);
    const api = await t.http.get(`/api/v1/plans/${planId}`);
    expect(api.body.status).toBe('stage2_open');
    expect(api.body.notice.documents).toEqual([
      {
        title: 'Specification',
        url: 'https://docs.example.kz/spec.pdf',
        sha256: sha,
        i18n: { title: { kk: null, ru: null, en: 'Specification' } },
      },
    ]);
    expect(api.body.commitments).toMatchObject([
      { remarkId: first.id, status: 'implemented', document: 'Specification', location: 'Section 5, page 12', version: 1 },
    ]);

    // a later version through the form under the notice; an unchanged table publishes nothing
    const later = await get(`/organizer/plans/${planId}/notice`, organizer);
    expect(later.text).toContain('Publish a new version of a commitment');
    expect(later.text).toContain('value="Section 5, page 12"');
    const same = await post(`/organizer/plans/${planId}/commitments`, organizer, {
      c1Remark: first.id,
      c1Status: 'implemented',
      c1Document: 'Specification',
      c1Location: 'Section 5, page 12',
      c1Explanation: 'The specification requires the weekly menu on the website.',
    });
    expect(same.headers.location).toContain('done=commitments-unchanged');
    const refusedLater = await post(`/organizer/plans/${planId}/commitments`, organizer, {
      c1Remark: first.id,
      c1Status: 'implemented',
      c1Location: 'p. 3',
    });
    expect(refusedLater.status).toBe(422);
    expect(refusedLater.text).toContain('id="c1Status-error">Unfinished');
    const changed = await post(`/organizer/plans/${planId}/commitments`, organizer, {
      c1Remark: first.id,
      c1Status: 'not_implemented',
      c1Document: '',
      c1Location: '',
      c1Explanation: 'The menu is published by the school, not the supplier.',
    });
    expect(changed.headers.location).toContain('done=commitments#commitments');
    const shown = await get(changed.headers.location, organizer);
    expect(shown.text).toContain('The new versions are published and e-mailed to the authors.');
    expect((await t.http.get(`/api/v1/plans/${planId}`)).body.commitments[0]).toMatchObject({ version: 2, status: 'not_implemented' });

    // a corrected answer that no longer accepts the remark: its commitment is no longer offered for a new version
    const corrected = await post(`/organizer/remarks/${first.id}/correction`, organizer, {
      disposition: 'rejected',
      body_en: 'The weekly menu is not part of this procurement after all; schools publish it themselves.',
      body_ru: 'Еженедельное меню всё же не входит в эту закупку: школы публикуют его сами.',
      reason_ru: 'Меню не входит в предмет закупки',
    });
    expect(corrected.status).toBe(303);
    const after = await get(`/organizer/plans/${planId}/notice`, organizer);
    expect(after.text).not.toContain(`value="${first.id}"`);
  });

  it('refuses the outcome while a remark is unanswered (with the count, in the reader’s language), then publishes it', async () => {
    const r = await t.http
      .post(`/api/v1/plans/${planId}/remarks`)
      .set(citizen2.auth)
      .send({ body: 'Stage two remark on the specification.' });
    expect(r.status).toBe(201);
    const plan = await t.db.getRepository(Plan).findOneByOrFail({ id: planId });
    const early = await get(`/organizer/plans/${planId}/outcome`, organizer);
    expect(early.text).toContain('The outcome can be published after stage two closes');

    at(new Date(plan.stage2ClosesAt!.getTime() + 3600_000).toISOString());
    // the council's review is still in its period: the outcome waits for it, until the chair closes it
    expect((await get(`/organizer/plans/${planId}/outcome`, organizer)).text).toContain('The outcome waits for the public council');
    const open = await post(`/organizer/plans/${planId}/outcome`, organizer, { decision: 'proceed', summary_en: 'We proceed.' });
    expect(open.status).toBe(409);
    expect(open.text).toContain('The council review is still open');
    await t.http.post(`/api/v1/plans/${planId}/review/close`).set(chair.auth).expect(200);
    const page = await get(`/organizer/plans/${planId}/outcome`, organizer);
    expect(page.text).toContain('Remarks without an answer: 2.');
    const refused = await post(`/organizer/plans/${planId}/outcome`, organizer, { decision: 'proceed', summary_en: 'We proceed.' }, 'ru');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Без ответа остаются замечания: 2.');
    expect(refused.text).toContain('name="summary_en" lang="en" rows="8" maxlength="20000">We proceed.</textarea>');
    expect(refused.text).toMatch(/id="decision-proceed" name="decision" value="proceed" checked/);

    const missing = await post(`/organizer/plans/${planId}/outcome`, organizer, { summary_kk: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('id="decision-error"');

    const queue = await get('/organizer/remarks', organizer);
    expect(queue.text).toContain('overdue'); // the stage-one remark's answer is late now
    for (const remark of await t.db.getRepository(Remark).find({ where: { planId } })) {
      if (remark.answeredAt) continue;
      const res = await post(`/organizer/remarks/${remark.id}/answer`, organizer, {
        disposition: 'explained',
        [`answer-${remark.id}_kk`]: 'Құжаттаманың 4-бөлімінде толық түсіндірілген.',
        [`answer-${remark.id}_ru`]: 'Подробно разъяснено в документации, раздел 4.',
      });
      expect(res.status).toBe(303);
    }
    const ok = await post(`/organizer/plans/${planId}/outcome`, organizer, {
      decision: 'amend',
      summary_kk: 'Құжаттама өзгертілді.',
      summary_ru: 'Документация изменена.',
    });
    expect(ok.status).toBe(303);
    const done = await get(ok.headers.location, organizer);
    expect(done.text).toContain('The outcome is published');
    // an English reader gets the Russian summary (en→ru→kk), marked as Russian
    expect(done.text).toContain('<p class="body" lang="ru">Документация изменена. <small class="lang-note" lang="en">');
    expect((await t.http.get(`/api/v1/plans/${planId}`)).body.status).toBe('closed');
  });

  it('counts hidden remarks apart: answered as answered, not waiting for an answer, and their number beside the counts', async () => {
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council, { name: 'Education department' });
    const own = await createUser(t, 'organizer', { organizationId: org.id, displayName: 'Education procurement' });
    const now = t.clock.now();
    const repo = t.db.getRepository(Plan);
    const plan = await repo.save(
      repo.create({
        organizationId: org.id,
        createdBy: own.user.id,
        title: LocalizedText.single('Textbooks', 'en')!,
        description: LocalizedText.single('d', 'en')!,
        subjectCode: 'c',
        amount: 1,
        method: 'auction' as const,
        publishedAt: new Date(now.getTime() - 3600_000),
        stage1ClosesAt: new Date(now.getTime() + 10 * 86400_000),
        stage1CloseDate: DateTime.fromJSDate(new Date(now.getTime() + 10 * 86400_000), { zone: 'Asia/Almaty' }).toISODate()!,
        hearingDeadlineDate: DateTime.fromJSDate(new Date(now.getTime() + 20 * 86400_000), { zone: 'Asia/Almaty' }).toISODate()!,
      }),
    );
    // answered and public, unanswered and public, hidden unanswered, hidden answered
    for (const [i, answered, hidden] of [
      [1, true, false],
      [2, false, false],
      [3, false, true],
      [4, true, true],
    ] as const) {
      await t.db.query(
        `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at, answered_at, hidden_at, hidden_reason)
         VALUES ($1, 1, $2, $3, 'en', $4, md5($3) || md5($3), $5, $6, $7, $8)`,
        [
          plan.id,
          citizen.user.id,
          `Counted remark ${i}`,
          now,
          new Date(now.getTime() + 10 * 86400_000),
          answered ? now : null,
          hidden ? now : null,
          hidden ? 'insult' : null,
        ],
      );
    }
    own.token = t.app.get(TokenService).sign(own.user.id).token;
    const list = (await get('/organizer', own)).text;
    expect(list).toContain('2 of 4 answered · <a href="/organizer/remarks">1 without an answer</a> · 2 hidden by moderators');
    const hub = await get(`/organizer/plans/${plan.id}`, own);
    expect(hub.status).toBe(200);
    expect(hub.text).toContain('4 remarks, 1 without an answer. 2 of them hidden by moderators (a hidden remark needs no answer).');
    expect((await get(`/organizer/plans/${plan.id}`, own, 'kk')).text).toContain(
      'Ескертулер: 4, жауапсыз: 1. Оның ішінде модераторлар жасырғаны: 2',
    );
    expect((await get('/organizer', own, 'ru')).text).toContain('скрыто модераторами: 2');

    // nothing hidden: no hidden count
    await t.db.query('UPDATE remarks SET hidden_at = NULL, hidden_reason = NULL WHERE plan_id = $1', [plan.id]);
    const plain = (await get('/organizer', own)).text;
    expect(plain).toContain('2 of 4 answered · <a href="/organizer/remarks">2 without an answer</a></p>');
    expect(plain).not.toContain('hidden by moderators');
    expect((await get(`/organizer/plans/${plan.id}`, own)).text).toContain('4 remarks, 2 without an answer.</span>');
  });

  it('runs each list as one query on its indexes (EXPLAIN with sequential scans discouraged)', async () => {
    // many remarks on one plan, most of them answered
    await t.db.query(
      `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at, answered_at)
       SELECT $1, 1, $2, 'bulk ' || g, 'en', now() - g * interval '1 minute', md5(g::text) || md5(g::text), now() + g * interval '1 hour', CASE WHEN g % 10 = 0 THEN NULL ELSE now() END
         FROM generate_series(1, 3000) g`,
      [planId, citizen.user.id],
    );
    await t.db.query('VACUUM ANALYZE remarks');
    await t.db.query('ANALYZE plans');
    const queries = t.app.get(OrganizerPagesRepository);
    const explain = async (call: () => Promise<unknown>): Promise<string> => {
      const calls = (await captureStatements(t.db, call)).filter(([sql]) => /^\s*SELECT/i.test(sql));
      expect(calls).toHaveLength(1); // one round trip per list
      const [sql, params] = calls[0];
      return t.db.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        return (await em.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n');
      });
    };
    const orgId = organizer.user.organizationId!;
    const list = await explain(() => queries.plans(orgId, null, null, t.clock.now()));
    expect(list).toContain('plans_org_created_idx');
    expect(list).toMatch(/Index Only Scan using remarks_plan_answer_state_idx/);
    // an index scan, or a bitmap scan of one, on a plans index (which one depends on the few rows here)
    expect(await explain(() => queries.plans(orgId, 'stage2_open', null, t.clock.now()))).toMatch(
      /(Index Scan (Backward )?using plans_\w+_idx on plans p|Bitmap Index Scan on plans_\w+_idx)/,
    );
    expect(await explain(() => queries.unansweredRemarks(orgId, null))).toMatch(/remarks_(unanswered_due|plan_answer_state)_idx/);
    expect(await explain(() => queries.hiddenRemarks(planId))).toContain('remarks_plan_hidden_idx');
  });
});
