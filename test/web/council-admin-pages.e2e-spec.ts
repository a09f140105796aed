import { AdminPagesRepository } from '../../src/web/admin/admin-pages.repository';
import { CouncilPagesRepository } from '../../src/web/council/council-pages.repository';
import { CalendarOverride } from '../../src/calendar/calendar-override.entity';
import { Council } from '../../src/organizations/council.entity';
import { Organization } from '../../src/organizations/organization.entity';
import { User } from '../../src/identity/user.entity';
import { ReviewConclusion } from '../../src/reviews/review-conclusion.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import { Recommendation } from '../../src/reviews/recommendation.entity';
import type { World } from '../reviews/fixtures';
import { createPlan, createWorld } from '../reviews/fixtures';
import type { CreatedUser } from '../support/factories';
import { bilingual, createCouncil, createUser, makeBin, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { captureStatements } from '../support/statements';

/** The council member and administrator pages through HTTP: access, forms, refusals, keyset pages. */
describe('council and admin pages', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let citizen: CreatedUser;
  let w: World;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    admin = await createUser(t, 'admin', { displayName: 'Admin A.' });
    citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.' });
    w = await createWorld(t, 3);
    const plan = await createPlan(t, w, {
      title: bilingual('№5 мектепті жөндеу', 'Ремонт школы №5', 'School repair No. 5'),
      protocolPublishedAt: new Date('2027-02-22T10:00:00+05:00'),
      reviewClosesAt: new Date('2027-03-09T23:59:59.999+05:00'),
    });
    planId = plan.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A council or an organization by its English name (names are jsonb {kk, ru, en}). */
  const councilNamed = async (en: string) =>
    t.db.getRepository(Council).findOneByOrFail({ id: (await t.db.query(`SELECT id FROM councils WHERE name->>'en' = $1`, [en]))[0].id });
  const organizationNamed = async (en: string) =>
    t.db
      .getRepository(Organization)
      .findOneByOrFail({ id: (await t.db.query(`SELECT id FROM organizations WHERE name->>'en' = $1`, [en]))[0].id });

  /** The user's session (sessions run on real time: moving the clock does not end it). */
  const cookie = (who: CreatedUser) => `session=${who.token}`;

  async function get(path: string, who: CreatedUser | null, lang = 'en') {
    const req = t.http.get(path).set('accept-language', lang);
    return who ? req.set('cookie', cookie(who)) : req;
  }

  /** A CSRF token of the user's session, from one of their pages. */
  async function csrfOf(who: CreatedUser, page: string): Promise<string> {
    const res = await get(page, who);
    const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
    if (!match) throw new Error(`no CSRF field on ${page}: ${res.status}`);
    return match[1];
  }

  async function post(path: string, who: CreatedUser, form: Record<string, string>, page: string, lang = 'en') {
    const _csrf = await csrfOf(who, page);
    return t.http
      .post(path)
      .set('cookie', cookie(who))
      .set('accept-language', lang)
      .type('form')
      .send({ ...form, _csrf });
  }

  describe('access', () => {
    it.each(['/council', '/admin', '/admin/users', `/council/plans/00000000-0000-4000-8000-000000000000`])(
      'sends a signed-out visitor of %s to the sign-in page and back',
      async (path) => {
        const res = await get(path, null);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      },
    );

    it('refuses other roles with a 403 page in their language', async () => {
      const ru = await get('/admin', citizen, 'ru');
      expect(ru.status).toBe(403);
      expect(ru.headers['content-language']).toBe('ru');
      expect(ru.text).toContain('<h1>Нет доступа</h1>');
      expect(ru.text).toContain('администратор');
      const kk = await get('/council', admin, 'kk');
      expect(kk.status).toBe(403);
      expect(kk.text).toContain('<h1>Қолжетімсіз</h1>');
      expect((await get('/admin/calendar', w.members[1], 'en')).status).toBe(403);
    });

    it('refuses a member of another council, and an unknown plan', async () => {
      const other = await createCouncil(t.db, 'Other council');
      const outsider = await createUser(t, 'council_member', { councilId: other.id });
      const res = await get(`/council/plans/${planId}`, outsider);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Only members of the overseeing public council can do this.');
      expect((await get('/council/plans/00000000-0000-4000-8000-000000000000', w.members[1])).status).toBe(404);
    });

    it('refuses a POST without a valid CSRF token, and changes nothing', async () => {
      const before = await t.db.getRepository(Council).count();
      const res = await t.http
        .post('/admin/councils')
        .set('cookie', cookie(admin))
        .type('form')
        .send({ name: 'Forged council', _csrf: 'a.b' });
      expect(res.status).toBe(403);
      expect(await t.db.getRepository(Council).count()).toBe(before);
    });
  });

  describe('administrator', () => {
    it('shows the sections', async () => {
      const res = await get('/admin', admin);
      expect(res.status).toBe(200);
      for (const href of ['/admin/organizations', '/admin/councils', '/admin/users', '/admin/calendar'])
        expect(res.text).toContain(`href="${href}"`);
      expect(res.text.match(/<h1>/g)).toHaveLength(1);
    });

    it('creates a council; an empty name is refused by the field', async () => {
      const form = await get('/admin/councils', admin);
      expect(form.text).toMatch(/<input type="text" id="name_kk" name="name_kk" lang="kk"/);
      expect(form.text).toMatch(/<input type="text" id="name_ru" name="name_ru" lang="ru"/);
      const empty = await post('/admin/councils', admin, { name_kk: '  ', name_ru: '' }, '/admin/councils');
      expect(empty.status).toBe(400);
      expect(empty.text).toMatch(/<p class="error" id="name-error">Fill in this field.<\/p>/);
      expect(empty.text).toMatch(/<fieldset class="field localized" id="name" aria-describedby="name-error">/);

      const res = await post(
        '/admin/councils',
        admin,
        { name_kk: 'Алматы қаласының қоғамдық кеңесі', name_en: 'Public council of Almaty city' },
        '/admin/councils',
      );
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/admin/councils?done=created');
      const list = await get('/admin/councils?done=created', admin);
      expect(list.text).toContain('The public council was added.');
      expect(list.text).toContain('Public council of Almaty city');
      expect(list.text).toContain('<caption>Public councils, by name</caption>');
    });

    it('creates an organizer: wrong BIN and taken BIN are refused by the field with the values kept', async () => {
      const council = await councilNamed('Public council of Almaty city');
      const form = {
        name_kk: 'Алматы қаласының әкімдігі',
        name_ru: 'Акимат города Алматы',
        name_en: 'Akimat of Almaty city',
        bin: '940240000437',
        address_ru: 'г. Алматы, площадь Республики, 4',
        address_en: 'Almaty, Republic Square 4',
        timeZone: 'Asia/Almaty',
        councilId: council.id,
      };
      const wrong = await post('/admin/organizations', admin, form, '/admin/organizations', 'ru');
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('БИН должен состоять из 12 цифр с верной контрольной цифрой.');
      expect(wrong.text).toMatch(
        /id="org-bin"[^>]*value="940240000437"[^>]*aria-describedby="org-bin-error org-bin-hint"[^>]*aria-invalid="true"[^>]*autofocus/,
      );
      expect(wrong.text).toContain('value="Akimat of Almaty city"');
      // the council has no Russian name yet: its Kazakh one is offered, marked with its language
      expect(wrong.text).toMatch(new RegExp(`<option value="${council.id}" lang="kk" selected>Алматы қаласының қоғамдық кеңесі</option>`));

      const badZone = await post(
        '/admin/organizations',
        admin,
        { ...form, bin: makeBin(), timeZone: 'Europe/Moscow' },
        '/admin/organizations',
      );
      expect(badZone.text).toContain('Choose a time zone from the list.');

      const bin = makeBin();
      const ok = await post('/admin/organizations', admin, { ...form, bin }, '/admin/organizations');
      expect(ok.status).toBe(303);
      const saved = await t.db.getRepository(Organization).findOneByOrFail({ bin });
      expect(saved).toMatchObject({ timeZone: 'Asia/Almaty', councilId: council.id });
      expect(saved.name.toJSON()).toEqual({ kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы', en: 'Akimat of Almaty city' });
      expect(saved.address.toJSON()).toEqual({ kk: null, ru: 'г. Алматы, площадь Республики, 4', en: 'Almaty, Republic Square 4' });
      const taken = await post('/admin/organizations', admin, { ...form, bin }, '/admin/organizations');
      expect(taken.status).toBe(400);
      expect(taken.text).toContain('An organization with this BIN already exists.');
      const list = await get('/admin/organizations', admin);
      expect(list.text).toContain(bin);
      expect(list.text).toContain('Asia/Qyzylorda'); // the time zones of Kazakhstan are offered
    });

    it('adds translations of an organizer’s name and address and of a council’s name; a language already there is refused', async () => {
      const org = await organizationNamed('Akimat of Almaty city');
      const list = await get('/admin/organizations', admin, 'kk');
      expect(list.text).toContain(`href="/admin/organizations/${org.id}/translations"`);
      const form = await get(`/admin/organizations/${org.id}/translations`, admin);
      expect(form.status).toBe(200);
      expect(form.text).toContain('id="address_kk-hint"'); // Kazakh address: not translated yet
      expect(form.text).not.toContain('id="name_kk-hint"');
      expect(form.text).toMatch(/<p class="notice-warning" role="note">Translations still missing: Address \([^)]+\)\.<\/p>/);
      expect((await get(`/admin/organizations/${org.id}/translations`, citizen)).status).toBe(403);

      const refused = await post(
        `/admin/organizations/${org.id}/translations`,
        admin,
        { name_ru: 'Акимат Алматы' },
        '/admin/organizations',
      );
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('ru');
      const ok = await post(
        `/admin/organizations/${org.id}/translations`,
        admin,
        { name_ru: 'Акимат города Алматы', address_kk: 'Алматы қ., Республика алаңы, 4' },
        '/admin/organizations',
      );
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe('/admin/organizations?done=translated');
      const saved = await t.db.getRepository(Organization).findOneByOrFail({ id: org.id });
      expect(saved.address.get('kk')).toBe('Алматы қ., Республика алаңы, 4');
      expect(saved.name.get('ru')).toBe('Акимат города Алматы');

      const council = await councilNamed('Public council of Almaty city');
      const councilForm = await get(`/admin/councils/${council.id}/translations`, admin);
      expect(councilForm.text).toContain('id="name_ru-hint"');
      const added = await post(
        `/admin/councils/${council.id}/translations`,
        admin,
        { name_ru: 'Общественный совет города Алматы' },
        '/admin/councils',
      );
      expect(added.status).toBe(303);
      const ru = await get('/admin/councils', admin, 'ru');
      expect(ru.text).toContain('Общественный совет города Алматы');
      expect((await get('/admin/councils/00000000-0000-4000-8000-000000000000/translations', admin)).status).toBe(404);
    });

    it('creates staff: organizer, council chair (one per council), admin; refusals by the field', async () => {
      const council = await councilNamed('Public council of Almaty city');
      const org = await organizationNamed('Akimat of Almaty city');
      const base = {
        email: 'procurement@akimat.kz',
        displayName: 'Procurement department',
        password: 'Long-enough-pass-1',
        role: 'organizer',
        locale: 'kk',
      };

      const noOrg = await post('/admin/users', admin, base, '/admin/users');
      expect(noOrg.status).toBe(400);
      expect(noOrg.text).toContain('An organizer account needs its organizer.');
      expect(noOrg.text).toMatch(/id="user-org"[^>]*aria-invalid="true"/);
      expect(noOrg.text).toContain('value="procurement@akimat.kz"');
      expect(noOrg.text).not.toContain('Long-enough-pass-1'); // a password is never written back

      const weak = await post('/admin/users', admin, { ...base, organizationId: org.id, password: '1234567890' }, '/admin/users');
      expect(weak.text).toContain('The password must be 10 to 128 characters long');

      const badEmail = await post('/admin/users', admin, { ...base, email: 'not-an-address', role: '' }, '/admin/users');
      expect(badEmail.text).toContain('Enter a valid e-mail address.');
      expect(badEmail.text).toContain('Choose the role.');
      expect(badEmail.text).toMatch(/<fieldset class="field choices" id="user-role" aria-describedby="user-role-error">/);

      const ok = await post('/admin/users', admin, { ...base, organizationId: org.id }, '/admin/users');
      expect(ok.status).toBe(303);
      const created = await t.db.getRepository(User).findOneByOrFail({ emailKey: 'procurement@akimat.kz' });
      expect(created).toMatchObject({ role: 'organizer', organizationId: org.id, locale: 'kk', councilId: null });
      expect(created.emailVerifiedAt).not.toBeNull();

      const taken = await post('/admin/users', admin, { ...base, organizationId: org.id }, '/admin/users');
      expect(taken.text).toContain('An account with this e-mail address already exists.');

      const chair = {
        email: 'chair@council.kz',
        displayName: 'Gulnara K.',
        password: 'Long-enough-pass-2',
        role: 'council_member',
        councilId: council.id,
        isChair: 'true',
      };
      expect((await post('/admin/users', admin, chair, '/admin/users')).status).toBe(303);
      const second = await post('/admin/users', admin, { ...chair, email: 'chair2@council.kz' }, '/admin/users');
      expect(second.text).toContain('This council already has a chair.');
      expect(second.text).toMatch(/id="user-chair"[^>]*checked[^>]*aria-invalid="true"/);

      expect(
        (
          await post(
            '/admin/users',
            admin,
            { email: 'admin2@talqylau.kz', displayName: 'Second admin', password: 'Long-enough-pass-3', role: 'admin' },
            '/admin/users',
          )
        ).status,
      ).toBe(303);

      const list = await get('/admin/users', admin);
      expect(list.text).toContain('Gulnara K.');
      expect(list.text).toContain('council chair');
      expect(list.text).not.toContain('Aigerim S.'); // citizens are not staff
      const councils = await get('/admin/councils', admin);
      expect(councils.text).toMatch(/Public council of Almaty city<\/th><td>1<\/td><td>Gulnara K.<\/td><td>1<\/td>/);
    });

    it('adds and removes a calendar transfer', async () => {
      const form = { date: '2027-01-09', working: 'true', reason: 'Working Saturday (transfer for 3 January)' };
      const missing = await post('/admin/calendar', admin, { date: '2027-13-01', reason: '' }, '/admin/calendar');
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('Enter a date from 1900 to 2199 as YYYY-MM-DD.');
      expect(missing.text).toContain('Choose whether people work on this date.');
      expect(missing.text).toMatch(/id="override-date"[^>]*value="2027-13-01"/);

      const ok = await post('/admin/calendar', admin, form, '/admin/calendar');
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe('/admin/calendar?year=2027&done=saved&date=2027-01-09#overrides');
      const row = await t.db.getRepository(CalendarOverride).findOneByOrFail({ date: '2027-01-09' });
      expect(row).toMatchObject({ working: true, updatedBy: admin.user.id });
      const page = await get('/admin/calendar?year=2027&done=saved&date=2027-01-09', admin);
      expect(page.text).toContain('Saved: 2027-01-09 is now a working day.');
      expect(page.text).toContain('Working Saturday (transfer for 3 January)');
      expect(page.text).toContain('Nauryz'); // the law's holidays of the year, for reference
      const api = await t.http.get('/api/v1/calendar/2027');
      expect(api.body.days.find((d: { date: string }) => d.date === '2027-01-09').working).toBe(true);

      const removed = await post('/admin/calendar/2027-01-09/delete', admin, {}, '/admin/calendar?year=2027');
      expect(removed.status).toBe(303);
      expect(await t.db.getRepository(CalendarOverride).count({ where: { date: '2027-01-09' } })).toBe(0);
      const again = await post('/admin/calendar/2027-01-09/delete', admin, {}, '/admin/calendar?year=2027');
      expect(again.status).toBe(303); // a second click finds the date as asked
    });

    it('pages the council list by keyset', async () => {
      for (let i = 0; i < 55; i++) {
        const n = String(i).padStart(2, '0');
        await createCouncil(t.db, bilingual(`Zz кеңес ${n}`, `Zz совет ${n}`, `Zz council ${n}`));
      }
      const first = await get('/admin/councils', admin);
      const next = /href="\/admin\/councils\?cursor=([^"#]+)#list"/.exec(first.text);
      expect(next).not.toBeNull();
      const second = await get(`/admin/councils?cursor=${next![1]}`, admin);
      expect(second.status).toBe(200);
      const names = (text: string) => [...text.matchAll(/<th scope="row">(.*?)<\/th>/g)].map((m) => m[1]);
      const a = names(first.text);
      const b = names(second.text);
      expect(a).toHaveLength(50);
      expect(b.length).toBeGreaterThan(0);
      expect(a.filter((n) => b.includes(n))).toEqual([]);
      expect(second.text).toContain('Back to the first page');
    });
  });

  describe('council member', () => {
    it('lists the protocols awaiting review with the deadline, and my position', async () => {
      const res = await get('/council', w.members[1]);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`href="/council/plans/${planId}"`);
      expect(res.text).toContain('9 March 2027'); // deadline, organizer's time
      expect(res.text).toContain('not recorded yet');
      expect(res.text).toContain('The council has not reviewed any protocol yet.');
    });

    it('records positions: errors by the field, then once only', async () => {
      const page = `/council/plans/${planId}`;
      const m1 = w.members[1];
      const noRecs = await post(
        `${page}/positions`,
        m1,
        { position: 'endorse_with_recommendations', text: 'Agree in general.', recommendations: ' \n ' },
        page,
      );
      expect(noRecs.status).toBe(400);
      expect(noRecs.text).toContain('Write at least one recommendation, or choose another position.');
      expect(noRecs.text).toMatch(/id="position-endorse_with_recommendations"[^>]*checked/);
      expect(noRecs.text).toContain('Agree in general.');

      const none = await post(`${page}/positions`, m1, { text: '' }, page, 'kk');
      expect(none.text).toContain('Ұстанымыңызды таңдаңыз.');
      expect(none.text).toContain('Негіздемені жазыңыз');

      const ok = await post(
        `${page}/positions`,
        m1,
        {
          position: 'endorse_with_recommendations',
          text: 'Agree in general.',
          recommendations: 'Publish the estimate.\n\nInvite parents to the acceptance.',
        },
        page,
      );
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe(`${page}?done=position#positions`);
      expect(await t.db.getRepository(Recommendation).count({ where: { planId } })).toBe(2);

      const after = await get(`${page}?done=position`, m1);
      expect(after.text).toContain('Your position was recorded.');
      expect(after.text).toContain('You recorded your position (endorse with recommendations)');
      expect(after.text).not.toContain('id="position-form"');

      const twice = await post(`${page}/positions`, m1, { position: 'object', text: 'Changed my mind.' }, page);
      expect(twice.status).toBe(409);
      expect(twice.text).toContain('You have already recorded your position.');
      expect(await t.db.getRepository(ReviewPosition).count({ where: { planId, memberId: m1.user.id } })).toBe(1);

      const m2 = w.members[2];
      expect((await post(`${page}/positions`, m2, { position: 'endorse', text: 'The protocol is complete.' }, page)).status).toBe(303);
    });

    it('shows the chair the conclusion closing would produce; only the chair closes', async () => {
      const page = `/council/plans/${planId}`;
      const member = await get(page, w.members[1]);
      expect(member.text).not.toContain('Close the review and publish the conclusion');
      expect((await post(`${page}/close`, w.members[1], {}, page)).status).toBe(403);

      const chair = await get(page, w.chair);
      expect(chair.text).toContain(
        'If you close the review now, the conclusion will be: no majority. 2 of 3 members recorded a position: quorum reached',
      );
      // both positions are shown by name
      expect(chair.text).toContain('Member 2: endorse with recommendations');
      expect(chair.text).toContain('Member 3: endorse');

      const closed = await post(`${page}/close`, w.chair, {}, page);
      expect(closed.status).toBe(303);
      const conclusion = await t.db.getRepository(ReviewConclusion).findOneByOrFail({ planId });
      expect(conclusion).toMatchObject({ closedBy: 'chair', result: 'no_majority', quorum: true, positionsCount: 2, membersCount: 3 });

      const after = await get(`${page}?done=closed`, w.chair, 'ru');
      expect(after.text).toContain('Рассмотрение завершено, заключение опубликовано.');
      expect(after.text).toContain('большинства нет');
      expect(after.text).toContain('Publish the estimate.');
      expect(after.text).toContain('Ожидается ответ; срок');
      expect(after.text).toContain('Рассмотрение завершено: позиции больше не принимаются.');

      const again = await post(`${page}/close`, w.chair, {}, page);
      expect(again.status).toBe(409);
      expect(again.text).toContain('The council review is closed.');
      const late = await post(`${page}/positions`, w.chair, { position: 'endorse', text: 'Late.' }, page);
      expect(late.status).toBe(409);
      expect(late.text).toContain('The council review is closed.');
    });

    it('lists the conclusion as reviewed, and marks unanswered recommendations overdue after a month', async () => {
      t.clock.set(new Date('2027-04-20T10:00:00+05:00'));
      const list = await get('/council', w.members[2]);
      expect(list.text).toContain('No protocol awaits the council review.');
      expect(list.text).toMatch(/no majority; 2 of 3 members recorded a position/);
      expect(list.text).toContain('0 of 2');
      expect(list.text).toContain('2 overdue');
      const page = await get(`/council/plans/${planId}`, w.members[2]);
      expect(page.text).toContain('Overdue: no response by');
    });
  });

  describe('page queries use their keyset indexes', () => {
    /** Runs a read-model call, captures its SQL, and explains it with sequential scans discouraged. */
    async function plansOf(call: () => Promise<unknown>): Promise<string> {
      const calls = await captureStatements(t.db, call);
      const [sql, params] = calls[calls.length - 1];
      return t.db.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        const rows: { 'QUERY PLAN': string }[] = await em.query(`EXPLAIN ${sql}`, params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }

    it('staff, organizers, councils, awaiting and reviewed', async () => {
      const admins = t.app.get(AdminPagesRepository);
      const council = t.app.get(CouncilPagesRepository);
      const now = new Date('2027-03-01T10:00:00+05:00');
      expect(await plansOf(() => admins.staff(null))).toContain('users_staff_created_idx');
      expect(await plansOf(() => admins.organizations(null))).toContain('organizations_name_idx');
      expect(await plansOf(() => admins.councils(null))).toContain('councils_name_idx');
      expect(await plansOf(() => council.awaiting(w.council.id, w.chair.user.id, now, null))).toContain('plans_review_open_idx');
      expect(await plansOf(() => council.reviewed(w.council.id, now, null))).toContain('review_conclusions_council_closed_idx');
    });
  });

  it('signs in through the form and reaches the council page it was sent from', async () => {
    const res = await t.http.get('/login?next=%2Fcouncil');
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)![1];
    const cookies = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const login = await t.http
      .post('/login')
      .set('cookie', cookies)
      .type('form')
      .send({ email: w.members[2].user.email, password: PASSWORD, next: '/council', _csrf: token });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/council');
  });
});
