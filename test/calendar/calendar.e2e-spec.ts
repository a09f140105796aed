import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('calendar API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /calendar/2027 lists 365 days', async () => {
    const res = await t.http.get('/api/v1/calendar/2027').expect(200);
    expect(res.body.year).toBe(2027);
    expect(res.body.days).toHaveLength(365);
    expect(res.body.days[0]).toMatchObject({ date: '2027-01-01', working: false, kind: 'holiday' });
    expect(res.body.days.find((d: { date: string }) => d.date === '2027-03-02')).toMatchObject({
      working: true,
      reason: null,
      kind: 'working',
    });
  });

  it.each([
    ['kk', 'Наурыз мейрамы'],
    ['ru', 'Наурыз мейрамы'],
    ['en', 'Nauryz holiday'],
  ])('names Nauryz in %s', async (lang, name) => {
    const res = await t.http.get('/api/v1/calendar/2027').set('Accept-Language', lang).expect(200);
    const day = res.body.days.find((d: { date: string }) => d.date === '2027-03-22');
    expect(day).toMatchObject({ working: false, kind: 'holiday', reason: name });
    expect(day.reasons).toEqual({ kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz holiday' });
  });

  it('refuses a bad year', async () => {
    const res = await t.http.get('/api/v1/calendar/twenty').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('an admin turns a Saturday into a working day and back; a citizen gets 403', async () => {
    const admin = await createUser(t, 'admin');
    const citizen = await createUser(t, 'citizen');
    await t.http.put('/api/v1/admin/calendar/2027-03-13').set(citizen.auth).send({ working: true, reason: 'Transfer' }).expect(403);
    await t.http.put('/api/v1/admin/calendar/2027-03-13').send({ working: true, reason: 'Transfer' }).expect(401);
    await t.http.put('/api/v1/admin/calendar/2027-02-30').set(admin.auth).send({ working: true, reason: 'x' }).expect(400);
    const put = await t.http
      .put('/api/v1/admin/calendar/2027-03-13')
      .set(admin.auth)
      .send({ working: true, reason: 'Рабочая суббота (перенос с 8 марта)' })
      .expect(200);
    expect(put.body).toMatchObject({ date: '2027-03-13', working: true, kind: 'override' });
    const res = await t.http.get('/api/v1/calendar/2027').set('Accept-Language', 'ru').expect(200);
    expect(res.body.days.find((d: { date: string }) => d.date === '2027-03-13')).toMatchObject({
      working: true,
      kind: 'override',
      reason: 'Рабочая суббота (перенос с 8 марта)',
    });
    await t.http.delete('/api/v1/admin/calendar/2027-03-13').set(citizen.auth).expect(403);
    await t.http.delete('/api/v1/admin/calendar/2027-03-13').set(admin.auth).expect(200);
    const after = await t.http.get('/api/v1/calendar/2027').expect(200);
    expect(after.body.days.find((d: { date: string }) => d.date === '2027-03-13')).toMatchObject({
      working: false,
      kind: 'weekend',
      reason: 'Saturday',
    });
    await t.http.delete('/api/v1/admin/calendar/2027-03-13').set(admin.auth).expect(404);
  });
});
