import request from 'supertest';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { TokenService } from '../../src/identity/auth/token.service';
import { UnsubscribeTokens } from '../../src/notifications/unsubscribe-token';
import { PlanNewsOptOut } from '../../src/plans/plan-news-opt-out.entity';
import { PlanNewsService } from '../../src/plans/plan-news.service';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { CitizenPagesRepository } from '../../src/web/citizen/citizen-pages.repository';
import type { Plan } from '../../src/plans/plan.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { createPlan, createWorld } from '../reviews/fixtures';
import { publishedPlan } from '../remarks/published-plan';

/** The account page's list of the plans a person follows (keyset pages) and of those whose news they switched off. */

function csrfOf(page: string, action: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page.slice(page.indexOf(`action="${action}"`)));
  if (!match) throw new Error(`no CSRF field in the form of ${action}`);
  return match[1];
}

/** The plan links of the followed-plans lists, in page order. */
const listed = (page: string, list: 'following' | 'news-off'): string[] => {
  const start = page.indexOf(`id="${list}"`);
  const end = list === 'following' ? page.indexOf('<h2', start + 1) : page.indexOf('</ul>', start);
  return [...page.slice(start, end).matchAll(new RegExp(`<a id="${list}-([0-9a-f-]{36})" href="/plans/\\1">`, 'g'))].map((m) => m[1]);
};

describe('account page: the plans you follow', () => {
  let t: TestApp;
  let citizen: CreatedUser;
  let other: CreatedUser;
  const plans: Plan[] = [];

  const page = (who: CreatedUser, query = '') =>
    request(t.app.getHttpServer()).get(`/account${query}`).set('Cookie', `session=${who.token}`).set('Accept-Language', 'en');

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const w = await createWorld(t, 1);
    citizen = await createUser(t, 'citizen');
    other = await createUser(t, 'citizen');
    for (let i = 0; i < 25; i++) {
      const title = LocalizedText.of({ ru: `План №${i}`, en: i === 7 ? `<script>alert(${i})</script> & plan` : `Plan ${i}` })!;
      plans.push(await createPlan(t, w, { title }, false));
    }
    const subscriptions = t.db.getRepository(PlanSubscription);
    // followed one a day, the first on 2027-01-01; two in the same instant, to test the keyset's tie-break
    for (const [i, plan] of plans.entries()) {
      const createdAt = new Date(Date.UTC(2027, 0, 1 + Math.min(i, 23), 5));
      await subscriptions.save({ planId: plan.id, userId: citizen.user.id, kind: 'follow', createdAt });
    }
    for (const plan of plans.slice(0, 3)) await subscriptions.save({ planId: plan.id, userId: other.user.id, kind: 'follow' });
    // signed up for a hearing without following: not in the list
    await subscriptions.delete({ planId: plans[3].id, userId: citizen.user.id });
    await subscriptions.save({ planId: plans[3].id, userId: citizen.user.id, kind: 'hearing_signup' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('20 plans a page, latest first, then the rest through the next page, each once; never another person’s', async () => {
    const first = await page(citizen).expect(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const firstIds = listed(first.text, 'following');
    expect(firstIds).toHaveLength(20);
    const next = /href="\/account\?following=([^"#]+)#following">More plans</.exec(first.text);
    expect(next).not.toBeNull();
    const second = await page(citizen, `?following=${next![1]}`).expect(200);
    const secondIds = listed(second.text, 'following');
    expect(second.text).toContain('href="/account#following">Latest plans</a>');
    expect(second.text).not.toContain('More plans');
    // latest first, the two followed in the same instant by id, descending (the keyset's tie-break)
    const expected = plans
      .map((p, i) => ({ id: p.id, day: Math.min(i, 23) }))
      .filter((_, i) => i !== 3)
      .sort((a, b) => b.day - a.day || (a.id < b.id ? 1 : -1))
      .map(({ id }) => id);
    expect([...firstIds, ...secondIds]).toEqual(expected);
    expect(new Set([...firstIds, ...secondIds]).size).toBe(24);
    expect(firstIds).not.toContain(plans[3].id);

    const others = listed((await page(other).expect(200)).text, 'following');
    expect(others.sort()).toEqual(
      plans
        .slice(0, 3)
        .map((p) => p.id)
        .sort(),
    );
  });

  it('plan titles are escaped; a malformed cursor shows the first page', async () => {
    const res = await page(citizen, '?following=not-a-cursor').expect(200);
    expect(res.text).toContain('&lt;script&gt;alert(7)&lt;/script&gt; &amp; plan');
    expect(res.text).not.toContain('<script>alert(7)');
    expect(listed(res.text, 'following')).toHaveLength(20);
  });

  it('unfollowing from the list comes back to it; the plan’s news switched off is listed with “Follow again”', async () => {
    const target = plans[24];
    const before = await page(citizen).expect(200);
    const action = `/plans/${target.id}/follow`;
    const res = await request(t.app.getHttpServer())
      .post(action)
      .set('Cookie', `session=${citizen.token}`)
      .type('form')
      .send({ _csrf: csrfOf(before.text, action), follow: 'off', from: 'account' })
      .expect(303);
    expect(res.headers.location).toBe('/account?done=unfollowed#following');
    const after = await page(citizen, '?done=unfollowed').expect(200);
    expect(after.text).toContain('You no longer follow this plan.');
    expect(listed(after.text, 'following')).not.toContain(target.id);
    expect(after.text).not.toContain('id="news-off"');

    // the unsubscribe link of a news e-mail
    await t.db.getRepository(PlanNewsOptOut).save({ planId: target.id, userId: citizen.user.id });
    const off = await page(citizen).expect(200);
    expect(off.text).toContain('<h2 id="news-off">Plans whose news you switched off</h2>');
    expect(listed(off.text, 'news-off')).toEqual([target.id]);
    const again = await request(t.app.getHttpServer())
      .post(action)
      .set('Cookie', `session=${citizen.token}`)
      .type('form')
      .send({ _csrf: csrfOf(off.text.slice(off.text.indexOf('id="news-off"')), action), follow: 'on', from: 'account' })
      .expect(303);
    expect(again.headers.location).toBe('/account?done=followed#following');
    expect(await t.db.getRepository(PlanNewsOptOut).count({ where: { userId: citizen.user.id } })).toBe(0);
    expect(
      await t.db.getRepository(PlanSubscription).count({ where: { planId: target.id, userId: citizen.user.id, kind: 'follow' } }),
    ).toBe(1);
    const back = await page(citizen, '?done=followed').expect(200);
    expect(back.text).toContain('<p class="notice-ok" role="status" id="flash">You now follow this plan.</p>');
    expect(back.text).not.toContain('id="news-off"');

    // without `from`, the plan page as before
    const fromPlan = await request(t.app.getHttpServer())
      .post(action)
      .set('Cookie', `session=${citizen.token}`)
      .type('form')
      .send({ _csrf: csrfOf(back.text, '/logout'), follow: 'off' })
      .expect(303);
    expect(fromPlan.headers.location).toBe(`/plans/${target.id}?done=unfollowed#follow`);
  });

  it('a plan followed again by a remark after its news was switched off stays under “news off” (no e-mails come), once', async () => {
    const plan = plans[10];
    await t.db.getRepository(PlanNewsOptOut).save({ planId: plan.id, userId: citizen.user.id });
    // the remark's follow (REMARK_INSERT_SQL) does not take the unsubscribe back; the row stays
    expect(await t.db.getRepository(PlanSubscription).count({ where: { planId: plan.id, userId: citizen.user.id, kind: 'follow' } })).toBe(
      1,
    );
    const text = (await page(citizen).expect(200)).text;
    expect(listed(text, 'news-off')).toEqual([plan.id]);
    expect(listed(text, 'following')).not.toContain(plan.id);
    const ids = [...text.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
    // past 50, the page says that only the latest are listed
    expect(await t.app.get(CitizenPagesRepository).newsOffPlans(citizen.user.id, 1)).toMatchObject({ more: false });
    await t.db.getRepository(PlanNewsOptOut).save({ planId: plans[11].id, userId: citizen.user.id });
    expect(await t.app.get(CitizenPagesRepository).newsOffPlans(citizen.user.id, 1)).toMatchObject({ more: true });
    await t.db.getRepository(PlanNewsOptOut).delete({ userId: citizen.user.id });
  });

  it('following, a remark’s follow and an unsubscribe are dated by the procedure’s clock, as the page shows them', async () => {
    const at = new Date('2027-03-03T09:15:00+05:00');
    t.clock.set(at);
    const open = await publishedPlan(t, plans[0].organizationId, plans[0].createdBy);
    const reader = await createUser(t, 'citizen');
    const bearer = { Authorization: `Bearer ${t.app.get(TokenService).sign(reader.user.id).token}` };
    await t.http.post(`/api/v1/plans/${open.id}/remarks`).set(bearer).send({ body: 'Срок поставки слишком короткий' }).expect(201);
    await t.http.post(`/api/v1/plans/${plans[1].id}/follow`).set(bearer).expect(200);
    const since = async (table: 'plan_subscriptions' | 'plan_news_opt_outs', planId: string) =>
      (await t.db.query(`SELECT created_at FROM ${table} WHERE user_id = $1 AND plan_id = $2`, [reader.user.id, planId]))[0]?.created_at;
    expect(await since('plan_subscriptions', open.id)).toEqual(at);
    expect(await since('plan_subscriptions', plans[1].id)).toEqual(at);
    // the page's "since", in the organization's time zone (Almaty, +05:00)
    expect((await page(reader).expect(200)).text).toContain('datetime="2027-03-03T09:15');

    const later = new Date('2027-03-04T12:00:00+05:00');
    t.clock.set(later);
    const token = t.app.get(UnsubscribeTokens).sign({ userId: reader.user.id, planId: open.id });
    await t.app.get(PlanNewsService).unsubscribe(token);
    expect(await since('plan_news_opt_outs', open.id)).toEqual(later);
  });

  it('a person who follows nothing is told how to follow; signed out, the page asks to sign in', async () => {
    const nobody = await createUser(t, 'citizen');
    const res = await page(nobody).expect(200);
    expect(res.text).toContain('You follow no plan.');
    expect(res.text).not.toContain('class="followed-plans"');
    const ru = await request(t.app.getHttpServer()).get('/account').set('Cookie', `session=${nobody.token}`).set('Accept-Language', 'ru');
    expect(ru.text).toContain('<h2 id="following">Планы, за которыми вы следите</h2>');
    const anonymous = await request(t.app.getHttpServer()).get('/account');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toContain('/login');
  });
});
