import { LocalizedText } from '../../src/common/i18n/localized-text';
import type { Plan } from '../../src/plans/plan.entity';
import { SweepService } from '../../src/scheduler/sweep.service';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld } from '../reviews/fixtures';

describe('sweep: stage 2 closed', () => {
  let t: TestApp;
  let w: World;
  let organizerKk: CreatedUser;
  let plan: Plan;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-09T18:00:00+05:00' });
    w = await createWorld(t, 1);
    organizerKk = await createUser(t, 'organizer', { organizationId: w.organization.id, locale: 'kk' });
    plan = await createPlan(t, w, {
      title: LocalizedText.of({ ru: 'Закуп угля', kk: 'Көмір сатып алу' })!,
      protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00'),
      noticePublishedAt: new Date('2027-03-01T10:00:00+05:00'),
      stage2OpensAt: new Date('2027-03-01T10:00:00+05:00'),
      stage2ClosesAt: new Date('2027-03-09T23:59:59.999+05:00'),
    });
    const citizen = await createUser(t, 'citizen');
    await createRemark(t, plan.id, citizen.user.id, { body: 'stage 1', createdAt: new Date('2027-01-10T12:00:00+05:00') });
    const answered = await createRemark(t, plan.id, citizen.user.id, {
      body: 'answered',
      stage: 2,
      createdAt: new Date('2027-03-02T12:00:00+05:00'),
      answerDueAt: new Date('2027-03-16T23:59:59.999+05:00'),
    });
    await answerRemark(t, answered, w.organizer.user.id, {
      body: 'ok',
      disposition: 'accepted',
      publishedAt: new Date('2027-03-03T10:00:00+05:00'),
    });
    for (const body of ['open 1', 'open 2']) {
      await createRemark(t, plan.id, citizen.user.id, {
        body,
        stage: 2,
        createdAt: new Date('2027-03-04T12:00:00+05:00'),
        answerDueAt: new Date('2027-03-16T23:59:59.999+05:00'),
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does nothing while stage 2 is open', async () => {
    expect((await t.app.get(SweepService).runOnce()).stage2Closed).toBe(0);
  });

  it('marks the plan once and e-mails each organizer once in their language, with the counts and the answer due date', async () => {
    t.clock.set(new Date('2027-03-10T00:00:01+05:00'));
    const sweep = t.app.get(SweepService);
    const runs = await Promise.all([sweep.runOnce(), sweep.runOnce(), sweep.runOnce()]);
    expect(runs.reduce((s, r) => s + r.stage2Closed, 0)).toBe(1);
    expect((await sweep.runOnce()).stage2Closed).toBe(0);
    await Promise.all([t.flushMail(), t.dispatcher.runOnce()]);
    await t.flushMail();

    const markers = await t.db.query(`SELECT deadline, swept_at FROM plan_deadline_sweeps WHERE plan_id = $1`, [plan.id]);
    expect(markers).toEqual([{ deadline: 'stage2_closed', swept_at: new Date('2027-03-10T00:00:01+05:00') }]);

    const en = t.smtp.to(w.organizer.user.email).filter((m) => m.subject?.startsWith('Stage two closed'));
    expect(en.map((m) => m.subject)).toEqual(['Stage two closed: Закуп угля']);
    expect(en[0].text).toContain('Remarks: 3, unanswered: 2'); // stage 2 only
    expect(en[0].text).toContain('Answers to all remarks are due by 2027-03-17'); // 5 working days after 9 March: 10-12, 16, 17 (15 March is Constitution Day)
    const kk = t.smtp.to(organizerKk.user.email).filter((m) => m.subject?.startsWith('Екінші кезең'));
    expect(kk.map((m) => m.subject)).toEqual(['Екінші кезең аяқталды: Көмір сатып алу']);
    expect(t.smtp.to(w.members[0].user.email)).toHaveLength(0);
  });

  it('settles the marker into the plan’s own column, and the plan stays swept', async () => {
    const sweep = t.app.get(SweepService);
    const column = async () =>
      (await t.db.query(`SELECT stage2_closed_swept_at FROM plans WHERE id = $1`, [plan.id]))[0].stage2_closed_swept_at as Date | null;
    expect(await column()).toBeNull(); // the claim wrote the marker only
    expect(await sweep.settle()).toBe(1);
    expect(await column()).toEqual(new Date('2027-03-10T00:00:01+05:00'));
    expect(await sweep.settle()).toBe(0);
    expect((await sweep.runOnce()).stage2Closed).toBe(0);
  });
});
