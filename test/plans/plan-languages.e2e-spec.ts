import type { CreatedUser } from '../support/factories';
import { bilingual, createCouncil, createOrganization, createUser, newPlanBody } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { Plan } from '../../src/plans/plan.entity';
import type { Organization } from '../../src/organizations/organization.entity';

const API = '/api/v1';

/** Plans, organizations and councils in Kazakh and Russian: writes, reads, publication, translations (issue 15). */
describe('plans in two state languages', () => {
  let t: TestApp;
  let org: Organization;
  let organizer: CreatedUser;
  let otherOrganizer: CreatedUser;
  let admin: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    org = await createOrganization(t.db, council, { name: bilingual('Алматы қаласының әкімдігі', 'Акимат города Алматы') });
    const other = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id, locale: 'ru' });
    otherOrganizer = await createUser(t, 'organizer', { organizationId: other.id });
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const outboxCount = async () => Number((await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n);

  it('takes a string in the Content-Language and reads it back in the reader’s language with every version under i18n', async () => {
    const created = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .set('Content-Language', 'kk')
      .send(newPlanBody({ title: 'Мектеп асханасына құрал-жабдық', description: 'Асхана жабдығын сатып алу', deliveryPlace: undefined }))
      .expect(201);
    const id = created.body.id as string;
    const kk = await t.http.get(`${API}/plans/${id}`).set(organizer.auth).set('Accept-Language', 'kk').expect(200);
    expect(kk.body.title).toBe('Мектеп асханасына құрал-жабдық');
    expect(kk.body.i18n.title).toEqual({ kk: 'Мектеп асханасына құрал-жабдық', ru: null, en: null });
    expect(kk.body.organization).toMatchObject({
      name: 'Алматы қаласының әкімдігі',
      i18n: { name: { kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы', en: null } },
    });
    // a Russian reader gets the Kazakh version (fallback ru→kk→en); the organization's name in Russian
    const ru = await t.http.get(`${API}/plans/${id}`).set(organizer.auth).set('Accept-Language', 'ru').expect(200);
    expect(ru.body.title).toBe('Мектеп асханасына құрал-жабдық');
    expect(ru.body.organization.name).toBe('Акимат города Алматы');
    expect(ru.headers['content-language']).toBe('ru');
  });

  it('without Content-Language a string is in the sender’s account language', async () => {
    const created = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .send(newPlanBody({ title: 'Ремонт спортзала', description: 'Замена покрытия пола' }))
      .expect(201);
    const plan = await t.db.getRepository(Plan).findOneByOrFail({ id: created.body.id });
    expect(plan.title.toJSON()).toEqual({ kk: null, ru: 'Ремонт спортзала', en: null });
    expect(plan.deliveryPlace!.toJSON()).toEqual({ kk: 'Алматы қ.', ru: 'г. Алматы', en: null });
  });

  it('refuses publication without Kazakh and Russian (TRANSLATION_REQUIRED names what is missing), then publishes after PATCH', async () => {
    const created = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .send(newPlanBody({ title: { ru: 'Поставка учебников' }, description: { kk: 'Оқулықтар жеткізу' } }))
      .expect(201);
    const id = created.body.id as string;
    const refused = await t.http.post(`${API}/plans/${id}/publish`).set(organizer.auth).set('Accept-Language', 'en').expect(422);
    expect(refused.body.error.code).toBe('TRANSLATION_REQUIRED');
    expect(refused.body.error.missing).toEqual(['title.kk', 'description.ru']);
    expect(refused.body.error.message).toContain('title.kk');

    // the draft changes: a string in Kazakh replaces the title in every language; an object keeps what it names
    await t.http.patch(`${API}/plans/${id}`).set(otherOrganizer.auth).send({ amount: 1 }).expect(404);
    await t.http.patch(`${API}/plans/${id}`).set(organizer.auth).send({ amount: -1 }).expect(400);
    const patched = await t.http
      .patch(`${API}/plans/${id}`)
      .set(organizer.auth)
      .set('Accept-Language', 'kk')
      .send({
        title: { kk: 'Оқулықтар жеткізу', ru: 'Поставка учебников' },
        description: { kk: 'Оқулықтар жеткізу', ru: 'Поставка учебников для школ' },
        amount: 7_000_000,
      })
      .expect(200);
    expect(patched.body).toMatchObject({ status: 'draft', title: 'Оқулықтар жеткізу', amount: 7_000_000 });
    expect(patched.body.i18n.description).toEqual({ kk: 'Оқулықтар жеткізу', ru: 'Поставка учебников для школ', en: null });

    const published = await t.http.post(`${API}/plans/${id}/publish`).set(organizer.auth).expect(200);
    expect(published.body.status).toBe('stage1_open');
    const late = await t.http.patch(`${API}/plans/${id}`).set(organizer.auth).send({ amount: 1 }).expect(409);
    expect(late.body.error.code).toBe('PLAN_NOT_DRAFT');
  });

  it('adds only missing translations after publication: the same text again writes nothing, another text is TRANSLATION_EXISTS, nobody is told', async () => {
    const created = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .send(newPlanBody({ deliveryPlace: undefined }))
      .expect(201);
    const id = created.body.id as string;
    await t.http.post(`${API}/plans/${id}/publish`).set(organizer.auth).expect(200);
    await t.flushMail();
    const before = await t.db.getRepository(Plan).findOneByOrFail({ id });
    const outbox = await outboxCount();

    await t.http
      .put(`${API}/plans/${id}/translations`)
      .set(otherOrganizer.auth)
      .send({ title: { en: 'Roof repair' } })
      .expect(403);
    const added = await t.http
      .put(`${API}/plans/${id}/translations`)
      .set(organizer.auth)
      .set('Accept-Language', 'en')
      .send({ title: { en: 'Roof repair of school No. 12' }, deliveryPlace: { kk: 'Алматы' } })
      .expect(200);
    expect(added.body.title).toBe('Roof repair of school No. 12');
    expect(added.body.i18n.title).toEqual({
      kk: '№12 мектептің шатырын жөндеу',
      ru: 'Ремонт кровли школы №12',
      en: 'Roof repair of school No. 12',
    });
    expect(added.body.i18n.deliveryPlace).toEqual({ kk: 'Алматы', ru: null, en: null });

    const afterAdd = await t.db.getRepository(Plan).findOneByOrFail({ id });
    const same = await t.http
      .put(`${API}/plans/${id}/translations`)
      .set(organizer.auth)
      .send({ title: { ru: 'Ремонт кровли школы №12' } })
      .expect(200);
    expect(same.body.i18n.title.ru).toBe('Ремонт кровли школы №12');
    expect((await t.db.getRepository(Plan).findOneByOrFail({ id })).updatedAt).toEqual(afterAdd.updatedAt);

    const conflict = await t.http
      .put(`${API}/plans/${id}/translations`)
      .set(organizer.auth)
      .send({ title: { ru: 'Другой заголовок' }, description: { en: 'Capital repair' } })
      .expect(409);
    expect(conflict.body.error.code).toBe('TRANSLATION_EXISTS');
    expect(conflict.body.error.languages).toEqual(['ru']);
    const unchanged = await t.db.getRepository(Plan).findOneByOrFail({ id });
    expect(unchanged.description.get('en')).toBeNull();
    // not a correction: the publication stays, no e-mail is queued
    expect(unchanged.publishedAt).toEqual(before.publishedAt);
    expect(await outboxCount()).toBe(outbox);
  });

  it('validates localized bodies: only kk, ru, en keys; each version within the limit', async () => {
    const bad = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .send(newPlanBody({ title: { de: 'Dach' }, description: { ru: 'x'.repeat(20001) } }))
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['description', 'title']);
    await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .send(newPlanBody({ title: { kk: '  ', ru: null } }))
      .expect(400);
  });

  it('administrators name organizations and councils in both languages and add translations later', async () => {
    const council = await t.http
      .post(`${API}/admin/councils`)
      .set(admin.auth)
      .set('Content-Language', 'ru')
      .send({ name: 'Общественный совет Астаны' })
      .expect(201);
    const created = await t.http
      .post(`${API}/admin/organizations`)
      .set(admin.auth)
      .send({
        name: { kk: 'Астана қаласының әкімдігі', ru: 'Акимат города Астаны' },
        bin: '940240000438',
        address: { ru: 'г. Астана, ул. Бейбитшилик, 11' },
        timeZone: 'Asia/Almaty',
        councilId: council.body.id,
      })
      .expect(201);
    const listed = await t.http.get(`${API}/organizations`).set('Accept-Language', 'kk').expect(200);
    const astana = listed.body.find((o: { id: string }) => o.id === created.body.id);
    expect(astana).toMatchObject({ name: 'Астана қаласының әкімдігі', address: 'г. Астана, ул. Бейбитшилик, 11' });
    expect(astana.i18n.address).toEqual({ kk: null, ru: 'г. Астана, ул. Бейбитшилик, 11', en: null });

    await t.http
      .put(`${API}/admin/organizations/${created.body.id}/translations`)
      .set(organizer.auth)
      .send({ address: { kk: 'x' } })
      .expect(403);
    const translated = await t.http
      .put(`${API}/admin/organizations/${created.body.id}/translations`)
      .set(admin.auth)
      .set('Accept-Language', 'kk')
      .send({ address: { kk: 'Астана қ., Бейбітшілік к-сі, 11' } })
      .expect(200);
    expect(translated.body.address).toBe('Астана қ., Бейбітшілік к-сі, 11');
    const exists = await t.http
      .put(`${API}/admin/organizations/${created.body.id}/translations`)
      .set(admin.auth)
      .send({ name: { ru: 'Акимат Астаны' } })
      .expect(409);
    expect(exists.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['ru'] });
    await t.http
      .put(`${API}/admin/organizations/00000000-0000-4000-8000-000000000000/translations`)
      .set(admin.auth)
      .send({ name: { kk: 'x' } })
      .expect(404);

    const councilKk = await t.http
      .put(`${API}/admin/councils/${council.body.id}/translations`)
      .set(admin.auth)
      .set('Accept-Language', 'kk')
      .send({ name: { kk: 'Астана қаласының қоғамдық кеңесі' } })
      .expect(200);
    expect(councilKk.body).toMatchObject({ name: 'Астана қаласының қоғамдық кеңесі', i18n: { name: { ru: 'Общественный совет Астаны' } } });
  });

  it('describes the new endpoints and the localized bodies in OpenAPI', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/plans/{id}'].patch).toBeDefined();
    expect(doc.paths['/api/v1/plans/{id}/translations'].put).toBeDefined();
    expect(doc.paths['/api/v1/admin/organizations/{id}/translations'].put).toBeDefined();
    expect(doc.paths['/api/v1/admin/councils/{id}/translations'].put).toBeDefined();
    const title = doc.components.schemas.CreatePlanDto.properties.title;
    expect(title.oneOf.map((o: { type: string }) => o.type)).toEqual(['string', 'object']);
    expect(Object.keys(title.oneOf[1].properties)).toEqual(['kk', 'ru', 'en']);
    expect(doc.paths['/api/v1/plans/{id}/publish'].post.summary).toContain('TRANSLATION_REQUIRED');
  });

  it('pages show titles and organization names in the reader’s language, another language marked with lang and a note', async () => {
    const council = await createCouncil(t.db);
    const kazakhOnly = await createOrganization(t.db, council, { name: LocalizedText.single('Шымкент қаласының әкімдігі', 'kk')! });
    const staff = await createUser(t, 'organizer', { organizationId: kazakhOnly.id });
    const created = await t.http
      .post(`${API}/plans`)
      .set(staff.auth)
      .send(newPlanBody({ title: bilingual('Саябақты абаттандыру', 'Благоустройство парка') }))
      .expect(201);
    await t.http.post(`${API}/plans/${created.body.id}/publish`).set(staff.auth).expect(200);

    const ru = await t.http.get('/').set('accept-language', 'ru').expect(200);
    expect(ru.text).toContain('>Благоустройство парка</a>');
    expect(ru.text).toMatch(/<span lang="kk">Шымкент қаласының әкімдігі<\/span> <small class="lang-note" lang="ru">[^<]+<\/small>/);
    expect(ru.text).toContain('lang="kk">Шымкент қаласының әкімдігі</option>');
    const kk = await t.http.get('/').set('accept-language', 'kk').expect(200);
    expect(kk.text).toContain('>Саябақты абаттандыру</a>');
    expect(kk.text).not.toContain('<span lang="kk">Шымкент');

    const stats = await t.http.get('/statistics').set('accept-language', 'ru').expect(200);
    expect(stats.text).toContain('<span lang="kk">Шымкент қаласының әкімдігі</span>');

    const organizerList = await t.http.get('/organizer').set('cookie', `session=${staff.token}`).set('accept-language', 'ru').expect(200);
    expect(organizerList.text).toContain('<span lang="kk">Шымкент қаласының әкімдігі</span>');
    expect(organizerList.text).toContain('>Благоустройство парка</a>');
  });

  it('GET /me gives the organization’s and the council’s names in the reader’s language', async () => {
    const me = await t.http.get(`${API}/me`).set(organizer.auth).set('Accept-Language', 'kk').expect(200);
    expect(me.body.organization).toEqual({
      id: org.id,
      name: 'Алматы қаласының әкімдігі',
      i18n: { name: { kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы', en: null } },
    });
    const meRu = await t.http.get(`${API}/me`).set(organizer.auth).set('Accept-Language', 'ru').expect(200);
    expect(meRu.body.organization.name).toBe('Акимат города Алматы');
  });
});

describe('plans with STATE_LANGUAGES_REQUIRED=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { STATE_LANGUAGES_REQUIRED: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes a plan written in one language', async () => {
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    const organizer = await createUser(t, 'organizer', { organizationId: org.id });
    const created = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .set('Content-Language', 'ru')
      .send(newPlanBody({ title: 'Ремонт дороги', description: 'Ямочный ремонт' }))
      .expect(201);
    await t.http.post(`${API}/plans/${created.body.id}/publish`).set(organizer.auth).expect(200);
  });
});
