import { createHash } from 'node:crypto';
import { CalendarService } from '../../src/calendar/calendar.service';
import { HearingSweepService } from '../../src/hearings/hearing-sweep.service';
import { TokenService } from '../../src/identity/auth/token.service';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { PlanNewsOptOut } from '../../src/plans/plan-news-opt-out.entity';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { Plan } from '../../src/plans/plan.entity';
import { answerDueAt, hearingDeadlineDate, stage1Window } from '../../src/procedure/deadlines';
import { Remark } from '../../src/remarks/remark.entity';
import { UnsubscribeTokens } from '../../src/notifications/unsubscribe-token';
import type { Organization } from '../../src/organizations/organization.entity';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { ReceivedMail } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** A header of the message as it was on the wire (unfolded), or undefined. */
function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '');
}

/** The token of the List-Unsubscribe URL of a message. */
function tokenOf(mail: ReceivedMail): string {
  const url = /^<([^>]+)>$/.exec(rawHeader(mail, 'List-Unsubscribe') ?? '')?.[1];
  return new URL(url!).searchParams.get('token')!;
}

describe('unsubscribing from the news of a plan (List-Unsubscribe, RFC 8058)', () => {
  let t: TestApp;
  let org: Organization;
  let organizer: CreatedUser;
  let author: CreatedUser;
  let otherAuthor: CreatedUser;
  let follower: CreatedUser;
  let signup: CreatedUser;
  let plan: Plan;
  let remarkId: string;
  let followerToken: string;
  let authorToken: string;
  const base = () => `/api/v1/plans/${plan.id}`;
  /** A fresh token at the manual clock's time (tokens expire as the clock moves on). */
  const fresh = (u: CreatedUser) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` });
  const newMail = (person: CreatedUser, since: number) => t.smtp.to(person.user.email).slice(since);
  const counts = () =>
    Object.fromEntries([author, otherAuthor, follower, signup].map((p) => [p.user.email, t.smtp.to(p.user.email).length]));

  async function remark(by: CreatedUser, body: string, at: string): Promise<string> {
    const cal = await t.app.get(CalendarService).calendar();
    const row = await t.db.getRepository(Remark).save({
      planId: plan.id,
      stage: 1,
      authorId: by.user.id,
      body,
      language: 'ru',
      bodyHash: createHash('sha256').update(body).digest('hex'),
      createdAt: new Date(at),
      answerDueAt: answerDueAt(new Date(at), 'Asia/Almaty', cal, t.config.procedure),
    } as Partial<Remark>);
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-13T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    author = await createUser(t, 'citizen', { locale: 'ru' });
    otherAuthor = await createUser(t, 'citizen', { locale: 'kk' });
    follower = await createUser(t, 'citizen', { locale: 'en' });
    signup = await createUser(t, 'citizen', { locale: 'en' });
    const cal = await t.app.get(CalendarService).calendar();
    const publishedAt = new Date('2027-02-20T10:00:00+05:00');
    const w = stage1Window(publishedAt, org.timeZone, cal, t.config.procedure);
    plan = await t.db.getRepository(Plan).save({
      organizationId: org.id,
      createdBy: organizer.user.id,
      title: LocalizedText.of({ kk: 'Кеңсе жиһазы <b>', ru: 'Офисная мебель <b>', en: 'Office furniture <b>' })!,
      description: LocalizedText.of({ kk: 'Үстелдер', ru: 'Столы' })!,
      subjectCode: '310112.100.000001',
      amount: 5_000_000,
      method: 'open_tender',
      plannedQuarter: null,
      deliveryPlace: null,
      publishedAt,
      stage1ClosesAt: w.closesAt,
      stage1CloseDate: w.closeDate,
      hearingDeadlineDate: hearingDeadlineDate(w.closeDate, t.config.procedure),
    } as Partial<Plan>);
    remarkId = await remark(author, 'Слишком дорого для офисной мебели', '2027-02-21T10:00:00+05:00');
    await remark(otherAuthor, 'Тым қымбат', '2027-02-22T10:00:00+05:00');
    await t.http.post(`${base()}/follow`).set(follower.auth).expect(200);
    await t.http.post(`${base()}/hearing/signup`).set(signup.auth).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('puts List-Unsubscribe and List-Unsubscribe-Post on the hearing news of every participant, follower and sign-up, and the link in the footer', async () => {
    await t.http.put(`${base()}/hearing`).set(organizer.auth).send({ startsAt: '2027-03-16T10:00:00+05:00' }).expect(200);
    await t.flushMail();
    for (const person of [author, otherAuthor, follower, signup]) {
      const [mail] = t.smtp.to(person.user.email);
      expect(mail).toBeDefined();
      const header = rawHeader(mail, 'List-Unsubscribe')!;
      expect(header).toMatch(
        new RegExp(`^<${t.config.publicUrl.replace(/[.:/]/g, '\\$&')}/unsubscribe\\?token=[A-Za-z0-9_-]{80,}&lang=(kk|ru|en)>$`),
      );
      expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      const url = header.slice(1, -1);
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
    }
    const [en] = t.smtp.to(follower.user.email);
    expect(en.text).toContain('Unsubscribe from news of this plan');
    expect(t.smtp.to(author.user.email)[0].text).toContain('Отписаться от новостей этого плана');
    expect(t.smtp.to(otherAuthor.user.email)[0].text).toContain('Осы жоспардың жаңалықтарынан бас тарту');
    // the token names its person: each recipient's differs
    followerToken = tokenOf(en);
    authorToken = tokenOf(t.smtp.to(author.user.email)[0]);
    expect(followerToken).not.toBe(authorToken);
    expect(t.app.get(UnsubscribeTokens).verify(followerToken)).toEqual({ userId: follower.user.id, planId: plan.id });
    // the link opens the page in the e-mail's language, whatever the browser asks for
    const kkLink = rawHeader(t.smtp.to(otherAuthor.user.email)[0], 'List-Unsubscribe')!.slice(1, -1);
    expect(new URL(kkLink).searchParams.get('lang')).toBe('kk');
    const page = await t.http.get(kkLink.replace(t.config.publicUrl, '')).expect(200);
    expect(page.text).toContain('<html lang="kk">');
  });

  it('puts none on an e-mail of the account (a password reset)', async () => {
    const before = t.smtp.to(follower.user.email).length;
    await t.http.post('/api/v1/auth/password-reset/request').send({ email: follower.user.email }).expect(200);
    await t.flushMail();
    const [reset] = newMail(follower, before);
    expect(reset.subject).toBeTruthy();
    expect(rawHeader(reset, 'List-Unsubscribe')).toBeUndefined();
    expect(rawHeader(reset, 'List-Unsubscribe-Post')).toBeUndefined();
    expect(reset.text).not.toContain('/unsubscribe');
  });

  it.each([
    ['en', 'Unsubscribe from news of a plan', 'Unsubscribe'],
    ['ru', 'Отписка от новостей плана', 'Отписаться'],
    ['kk', 'Жоспар жаңалықтарынан бас тарту', 'Бас тарту'],
  ])('GET /unsubscribe shows in %s what will stop and a button, and unsubscribes nobody', async (lang, title, button) => {
    const res = await t.http.get(`/unsubscribe?token=${followerToken}`).set('Accept-Language', lang).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain(`<html lang="${lang}"`);
    expect(res.text).toContain(`<h1>${title}</h1>`);
    expect(res.text).toContain(`<form method="post" action="/unsubscribe?token=${followerToken}">`);
    expect(res.text).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(res.text).toContain(`>${button}</button>`);
    expect(res.text).toContain(follower.user.email);
    // the plan's title is escaped
    expect(res.text).toContain('&lt;b&gt;');
    expect(res.text).not.toContain('<b></a>');
    expect(await t.db.getRepository(PlanNewsOptOut).count()).toBe(0);
    expect(await t.db.getRepository(PlanSubscription).countBy({ planId: plan.id, userId: follower.user.id })).toBe(1);
  });

  it('refuses a forged, cut, foreign-key or altered token with a localized page (400 UNSUBSCRIBE_LINK_INVALID), changing nothing', async () => {
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const foreign = new UnsubscribeTokens({ ...t.config, sessionSecret: 'another installation' }).sign({
      userId: follower.user.id,
      planId: plan.id,
    });
    // the follower's user id in the author's token, the author's signature kept
    const raw = Buffer.from(authorToken, 'base64url');
    Buffer.from(followerToken, 'base64url').copy(raw, 1, 1, 17);
    const swapped = raw.toString('base64url');
    for (const token of [flip(followerToken, 30), followerToken.slice(0, -4), foreign, swapped, '', 'x'.repeat(300)]) {
      for (const [lang, message] of [
        ['en', 'This unsubscribe link is not valid'],
        ['ru', 'Эта ссылка для отписки недействительна'],
      ]) {
        const get = await t.http.get(`/unsubscribe?token=${encodeURIComponent(token)}`).set('Accept-Language', lang);
        expect([token.slice(0, 12), get.status]).toEqual([token.slice(0, 12), 400]);
        expect(get.text).toContain(message);
        const post = await t.http
          .post(`/unsubscribe?token=${encodeURIComponent(token)}`)
          .set('Accept-Language', lang)
          .type('form')
          .send('List-Unsubscribe=One-Click');
        expect(post.status).toBe(400);
        expect(post.text).toContain(message);
      }
    }
    const json = await t.http.post('/unsubscribe').set('Accept', 'application/json').type('form').send('List-Unsubscribe=One-Click');
    expect(json.status).toBe(400);
    expect(await t.db.getRepository(PlanNewsOptOut).count()).toBe(0);
    expect(await t.db.getRepository(PlanSubscription).countBy({ planId: plan.id, userId: follower.user.id })).toBe(1);
  });

  it('one-click POST without a cookie or CSRF token unsubscribes (200), and again is harmless', async () => {
    for (const token of [followerToken, authorToken, followerToken]) {
      const res = await t.http
        .post(`/unsubscribe?token=${token}`)
        .set('Accept-Language', 'en')
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.text).toContain('You are unsubscribed');
    }
    const optOuts = await t.db.getRepository(PlanNewsOptOut).find({ order: { userId: 'ASC' } });
    expect(optOuts.map((o) => [o.userId, o.planId]).sort()).toEqual(
      [
        [author.user.id, plan.id],
        [follower.user.id, plan.id],
      ].sort(),
    );
    expect(await t.db.getRepository(PlanSubscription).countBy({ planId: plan.id, userId: follower.user.id })).toBe(0);
    // the link opened later says it is done, and offers following again
    const again = await t.http.get(`/unsubscribe?token=${followerToken}`).set('Accept-Language', 'ru').expect(200);
    expect(again.text).toContain('Вы отписались');
    expect(again.text).toContain(`href="/plans/${plan.id}"`);
  });

  it('one-click POST as multipart/form-data (what RFC 8058 says mail receivers should send) unsubscribes too', async () => {
    await t.http.post(`${base()}/follow`).set(fresh(follower)).expect(200);
    expect(await t.db.getRepository(PlanSubscription).countBy({ planId: plan.id, userId: follower.user.id })).toBe(1);
    const res = await t.http
      .post(`/unsubscribe?token=${followerToken}`)
      .set('Accept-Language', 'en')
      .field('List-Unsubscribe', 'One-Click')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('You are unsubscribed');
    expect(await t.db.getRepository(PlanSubscription).countBy({ planId: plan.id, userId: follower.user.id })).toBe(0);
    expect(await t.db.getRepository(PlanNewsOptOut).countBy({ userId: follower.user.id, planId: plan.id })).toBe(1);
  });

  it("stops the news of that plan for those who unsubscribed, while the others get it and the answer to one's remark still arrives", async () => {
    const before = counts();
    await t.http.put(`${base()}/hearing`).set(organizer.auth).send({ startsAt: '2027-03-17T11:00:00+05:00' }).expect(200);
    await t.http
      .post(`/api/v1/remarks/${remarkId}/answer`)
      .set(organizer.auth)
      .send({ disposition: 'rejected', body: { ru: 'Цена соответствует рыночной: три коммерческих предложения приложены.' } })
      .expect(201);
    await t.flushMail();
    const since = (p: CreatedUser) => newMail(p, before[p.user.email]);
    expect(since(follower)).toHaveLength(0);
    expect(since(signup).map((m) => rawHeader(m, 'List-Unsubscribe-Post'))).toEqual(['List-Unsubscribe=One-Click']);
    expect(since(otherAuthor)).toHaveLength(1);
    const [answer] = since(author);
    expect(since(author)).toHaveLength(1);
    expect(answer.text).toContain('три коммерческих предложения');
    expect(rawHeader(answer, 'List-Unsubscribe')).toBeUndefined();
    expect(rawHeader(answer, 'List-Unsubscribe-Post')).toBeUndefined();
    expect(answer.text).not.toContain('/unsubscribe');
  });

  it('leaves those who unsubscribed out of the reminder the working day before', async () => {
    const before = counts();
    t.clock.set(new Date('2027-03-16T09:00:00+05:00'));
    expect((await t.app.get(HearingSweepService).runOnce()).reminders).toBe(1);
    await t.flushMail();
    expect(newMail(follower, before[follower.user.email])).toHaveLength(0);
    expect(newMail(author, before[author.user.email])).toHaveLength(0);
    for (const person of [signup, otherAuthor]) {
      const [reminder] = newMail(person, before[person.user.email]);
      expect(rawHeader(reminder, 'List-Unsubscribe')).toMatch(/\/unsubscribe\?token=/);
      expect(rawHeader(reminder, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    }
  });

  it('following the plan again brings its news back (the protocol)', async () => {
    await t.http.post(`${base()}/follow`).set(fresh(follower)).expect(200);
    expect(await t.db.getRepository(PlanNewsOptOut).countBy({ userId: follower.user.id })).toBe(0);
    const before = counts();
    t.clock.set(new Date('2027-03-17T15:00:00+05:00'));
    await t.http
      .post(`${base()}/hearing/protocol`)
      .set(fresh(organizer))
      .send({
        attendeesCount: 7,
        speakers: ['A'],
        summary: { kk: 'Талқыланды.', ru: 'Обсудили.' },
        decisions: [{ kk: 'Қалдыру', ru: 'Оставить' }],
      })
      .expect(201);
    await t.flushMail();
    const [protocol] = newMail(follower, before[follower.user.email]);
    expect(protocol).toBeDefined();
    expect(rawHeader(protocol, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(tokenOf(protocol)).toBe(followerToken);
    expect(newMail(author, before[author.user.email])).toHaveLength(0);
    expect(newMail(signup, before[signup.user.email])).toHaveLength(1);
  });
});
