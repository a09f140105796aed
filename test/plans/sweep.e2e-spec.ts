import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { TokenService } from '../../src/identity/auth/token.service';
import { SweepService } from '../../src/scheduler/sweep.service';

const API = '/api/v1';

describe('sweep: stage 1 closed and overdue answers', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let organizerKk: CreatedUser;
  let citizen: CreatedUser;
  let planId: string;

  const auth = (u: CreatedUser) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` });

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id, locale: 'ru' });
    organizerKk = await createUser(t, 'organizer', { organizationId: org.id, locale: 'kk' });
    citizen = await createUser(t, 'citizen');
    const res = await t.http
      .post(`${API}/plans`)
      .set(auth(organizer))
      .send({
        title: { kk: 'Көмір сатып алу', ru: 'Закуп угля' },
        description: { kk: 'Қазандыққа арналған көмір', ru: 'Уголь для котельной' },
        subjectCode: '051010',
        amount: 500,
        method: 'price_offers',
      })
      .expect(201);
    planId = res.body.id;
    await t.http.post(`${API}/plans/${planId}/publish`).set(auth(organizer)).expect(200);
    for (const body of ['Первое', 'Второе', 'Третье']) {
      await t.http.post(`${API}/plans/${planId}/remarks`).set(auth(citizen)).send({ body }).expect(201);
    }
    const [first] = await t.db.query(`SELECT id FROM remarks WHERE plan_id = $1 AND body = 'Первое'`, [planId]);
    await t.http
      .post(`${API}/remarks/${first.id}/answer`)
      .set(auth(organizer))
      .send({ body: 'Учтено: смета пересчитана.', disposition: 'accepted' })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('does nothing before the deadlines', async () => {
    expect(await t.app.get(SweepService).runOnce()).toEqual({ stage1Closed: 0, overdueRemarks: 0, stage2Closed: 0 });
  });

  it('tells each organizer once that stage 1 closed and once about overdue answers, however often it runs', async () => {
    // stage 1 closed at the end of 25 March; answers to 1 March remarks were due at the end of 29 March (15 working days)
    t.clock.set(new Date('2027-03-30T09:00:00+05:00'));
    const sweep = t.app.get(SweepService);
    const results = await Promise.all([sweep.runOnce(), sweep.runOnce()]);
    expect(results.reduce((s, r) => s + r.stage1Closed, 0)).toBe(1);
    expect(results.reduce((s, r) => s + r.overdueRemarks, 0)).toBe(2);
    expect(await sweep.runOnce()).toEqual({ stage1Closed: 0, overdueRemarks: 0, stage2Closed: 0 });
    await Promise.all([t.flushMail(), t.dispatcher.runOnce()]);
    await t.flushMail();

    const ru = t.smtp.to(organizer.user.email);
    expect(ru.map((m) => m.subject).sort()).toEqual(['Первый этап завершён: Закуп угля', 'Срок ответа истёк: Закуп угля']);
    const closed = ru.find((m) => m.subject!.startsWith('Первый этап'))!;
    expect(closed.text).toContain('Замечаний: 3, из них без ответа: 2');
    expect(closed.text).toContain('не позднее 2027-04-04');
    const kk = t.smtp.to(organizerKk.user.email);
    expect(kk).toHaveLength(2);
    expect(kk.map((m) => m.subject).join()).toContain('Бірінші кезең аяқталды');
    expect(t.smtp.to(citizen.user.email).map((m) => m.subject)).toEqual(['Answer to your remark: Закуп угля']); // only the answer

    const markers = await t.db.query(`SELECT deadline, swept_at FROM plan_deadline_sweeps WHERE plan_id = $1`, [planId]);
    expect(markers).toEqual([{ deadline: 'stage1_closed', swept_at: new Date('2027-03-30T09:00:00+05:00') }]);
    const [plan] = await t.db.query(`SELECT stage1_closed_swept_at FROM plans WHERE id = $1`, [planId]);
    expect(plan.stage1_closed_swept_at).toBeNull(); // the wide plan row is not written
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM remarks WHERE plan_id = $1 AND overdue_swept_at IS NOT NULL`, [
      planId,
    ]);
    expect(n).toBe(2);
  });
});
