import { bootstrapData, DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_PASSWORD } from '../../src/bootstrap-data';
import { User } from '../../src/identity/user.entity';
import { Organization } from '../../src/organizations/organization.entity';
import type { CreatedUser } from '../support/factories';
import { createUser, makeBin } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('identity: administration of councils, organizations and staff; start-up data', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let citizen: CreatedUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    citizen = await createUser(t, 'citizen');
  });
  afterAll(async () => {
    await t.close();
  });

  const org = (councilId: string, extra: Record<string, unknown> = {}) => ({
    name: 'Akimat of Astana',
    bin: makeBin(),
    address: 'Astana, Beibitshilik 11',
    timeZone: 'Asia/Almaty',
    councilId,
    ...extra,
  });

  it('refuses anonymous callers with 401 and citizens with 403', async () => {
    for (const [method, path] of [
      ['post', '/api/v1/admin/councils'],
      ['get', '/api/v1/admin/councils'],
      ['post', '/api/v1/admin/organizations'],
      ['get', '/api/v1/admin/organizations'],
      ['post', '/api/v1/admin/users'],
    ] as const) {
      const anonymous = await t.http[method](path).send({});
      expect([path, anonymous.status, anonymous.body.error.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
      const forbidden = await t.http[method](path).set(citizen.auth).send({ name: 'x' });
      expect([path, forbidden.status, forbidden.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
  });

  it('creates a council, an organization, an organizer and council members', async () => {
    const council = await t.http.post('/api/v1/admin/councils').set(admin.auth).send({ name: 'Public council of Astana' }).expect(201);
    expect(council.body).toEqual({ id: expect.any(String) });
    const councils = await t.http.get('/api/v1/admin/councils').set(admin.auth).expect(200);
    expect(councils.body.map((c: { id: string }) => c.id)).toContain(council.body.id);

    const body = org(council.body.id);
    const created = await t.http.post('/api/v1/admin/organizations').set(admin.auth).send(body).expect(201);
    const list = await t.http.get('/api/v1/organizations').expect(200);
    expect(list.body).toContainEqual({
      id: created.body.id,
      name: body.name,
      bin: body.bin,
      address: body.address,
      timeZone: 'Asia/Almaty',
      councilId: council.body.id,
      // the name and address were sent as strings by an English-speaking administrator
      i18n: { name: { kk: null, ru: null, en: body.name }, address: { kk: null, ru: null, en: body.address } },
    });
    expect((await t.http.get('/api/v1/admin/organizations').set(admin.auth).expect(200)).body).toContainEqual(
      expect.objectContaining({ id: created.body.id }),
    );

    const taken = await t.http
      .post('/api/v1/admin/organizations')
      .set(admin.auth)
      .send({ ...org(council.body.id), bin: body.bin })
      .expect(409);
    expect(taken.body.error.code).toBe('BIN_TAKEN');

    const organizer = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({
        email: 'Organizer@Astana.kz',
        password: 'Organizer-pass-2027',
        displayName: 'Astana procurement',
        role: 'organizer',
        organizationId: created.body.id,
      })
      .expect(201);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'organizer@astana.kz', password: 'Organizer-pass-2027' })
      .expect(200);
    expect(login.body.user).toEqual({ id: organizer.body.id, role: 'organizer', displayName: 'Astana procurement', emailVerified: true });
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ role: 'organizer', organization: { id: created.body.id, name: body.name }, council: null });

    const chair = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({
        email: 'chair@astana.kz',
        password: 'Chair-pass-2027x',
        displayName: 'Chair',
        role: 'council_member',
        councilId: council.body.id,
        isChair: true,
      })
      .expect(201);
    const chairLogin = await t.http.post('/api/v1/auth/login').send({ email: 'chair@astana.kz', password: 'Chair-pass-2027x' }).expect(200);
    const chairMe = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${chairLogin.body.accessToken}`).expect(200);
    expect(chairMe.body).toMatchObject({
      id: chair.body.id,
      role: 'council_member',
      organization: null,
      council: { id: council.body.id, name: 'Public council of Astana', isChair: true },
    });

    const second = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({
        email: 'chair2@astana.kz',
        password: 'Chair-pass-2027x',
        displayName: 'Chair 2',
        role: 'council_member',
        councilId: council.body.id,
        isChair: true,
      })
      .expect(409);
    expect(second.body.error.code).toBe('CHAIR_EXISTS');
    await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({
        email: 'member@astana.kz',
        password: 'Member-pass-2027x',
        displayName: 'Member',
        role: 'council_member',
        councilId: council.body.id,
      })
      .expect(201);
  });

  it.each([
    ['INVALID_BIN', 400, { bin: '123456789012' }],
    ['INVALID_BIN', 400, { bin: '12345' }],
    ['INVALID_TIME_ZONE', 400, { timeZone: 'Asia/Nowhere' }],
    ['COUNCIL_NOT_FOUND', 404, { councilId: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses an organization with %s', async (code, status, extra) => {
    const council = await t.http.post('/api/v1/admin/councils').set(admin.auth).send({ name: 'Council' }).expect(201);
    const res = await t.http.post('/api/v1/admin/organizations').set(admin.auth).send(org(council.body.id, extra)).expect(status);
    expect(res.body.error.code).toBe(code);
  });

  it('checks that the role and its organization or council go together', async () => {
    const base = { password: 'Staff-password-2027', displayName: 'Staff' };
    const noOrg = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'a1@x.kz', role: 'organizer' })
      .expect(400);
    expect(noOrg.body.error).toEqual({ code: 'ROLE_MISMATCH', message: 'This role needs organizationId.' });
    const noCouncil = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'a2@x.kz', role: 'council_member' })
      .expect(400);
    expect(noCouncil.body.error.code).toBe('ROLE_MISMATCH');
    const citizenRole = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'a3@x.kz', role: 'citizen' })
      .expect(400);
    expect(citizenRole.body.error.code).toBe('VALIDATION_FAILED');
    const missingOrg = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'a4@x.kz', role: 'organizer', organizationId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    expect(missingOrg.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    const weak = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'a5@x.kz', role: 'admin', password: 'short' })
      .expect(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'a6@x.kz', role: 'admin' })
      .expect(201);
    const dup = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'A6@X.KZ', role: 'admin' })
      .expect(409);
    expect(dup.body.error.code).toBe('EMAIL_TAKEN');
    // the same mailbox with an invisible character is the same account (issue 13)
    const hidden = await t.http
      .post('/api/v1/admin/users')
      .set(admin.auth)
      .send({ ...base, email: 'a6@x.kz\u2060', role: 'admin' })
      .expect(409);
    expect(hidden.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('creates the first admin from the configuration once and never overwrites a password', async () => {
    const config = { ...t.config, adminEmail: 'Root@Talqylau.kz', adminPassword: 'Root-password-2027', demoData: false };
    await bootstrapData(t.app, config);
    await bootstrapData(t.app, { ...config, adminPassword: 'Changed-password-2027' });
    const admins = await t.db.getRepository(User).find({ where: { emailKey: 'root@talqylau.kz' } });
    expect(admins).toHaveLength(1);
    expect(admins[0].role).toBe('admin');
    await t.http.post('/api/v1/auth/login').send({ email: 'root@talqylau.kz', password: 'Root-password-2027' }).expect(200);
    await t.http.post('/api/v1/auth/login').send({ email: 'root@talqylau.kz', password: 'Changed-password-2027' }).expect(401);
  });
});

describe('identity: demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates the demo councils, organizations and accounts once', async () => {
    const config = { ...t.config, adminEmail: null, adminPassword: null, demoData: true };
    await bootstrapData(t.app, config);
    await bootstrapData(t.app, config);
    const organizations = await t.db.getRepository(Organization).find();
    expect(organizations.map((o) => o.name.get('en')).sort()).toEqual(['Akimat of Almaty city', 'Health Department of Karaganda region']);
    expect(await t.db.getRepository(User).count()).toBe(DEMO_ACCOUNTS.length + 1);

    const admin = await t.http.post('/api/v1/auth/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }).expect(200);
    expect(admin.body.user.role).toBe('admin');
    for (const account of DEMO_ACCOUNTS) {
      const login = await t.http.post('/api/v1/auth/login').send({ email: account.email, password: DEMO_PASSWORD }).expect(200);
      expect(login.body.user).toMatchObject({ role: account.role, emailVerified: true });
    }
    const chairs = await t.db.getRepository(User).count({ where: { isChair: true } });
    expect(chairs).toBe(2);
  });
});
