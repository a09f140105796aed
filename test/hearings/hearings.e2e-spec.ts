import { LocalizedText } from '../../src/common/i18n/localized-text';
import { createHash } from 'node:crypto';
import { CalendarService } from '../../src/calendar/calendar.service';
import { Hearing } from '../../src/hearings/hearing.entity';
import { HearingSweepService } from '../../src/hearings/hearing-sweep.service';
import { User } from '../../src/identity/user.entity';
import type { Organization } from '../../src/organizations/organization.entity';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { Plan } from '../../src/plans/plan.entity';
import { answerDueAt, hearingDeadlineDate, stage1Window } from '../../src/procedure/deadlines';
import { Remark } from '../../src/remarks/remark.entity';
import { TokenService } from '../../src/identity/auth/token.service';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { ReceivedMail } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
/** A fresh token at the manual clock's time (tokens expire as the clock moves on). */
const fresh = (t: TestApp, u: CreatedUser) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` });
const icsOf = (mail: ReceivedMail) => unfold(mail.attachments[0].content.toString());

describe('hearings', () => {
  let t: TestApp;
  let org: Organization;
  let organizer: CreatedUser;
  let otherOrganizer: CreatedUser;
  let councilMember: CreatedUser;
  let participants: CreatedUser[];
  let follower: CreatedUser;
  let signup: CreatedUser;

  async function publishedPlan(organization: Organization, author: CreatedUser, publishedAt: string): Promise<Plan> {
    const cal = await t.app.get(CalendarService).calendar();
    const w = stage1Window(new Date(publishedAt), organization.timeZone, cal, t.config.procedure);
    return t.db.getRepository(Plan).save({
      organizationId: organization.id,
      createdBy: author.user.id,
      title: LocalizedText.of({ kk: 'Кеңсе жиһазы, Алматы', ru: 'Офисная мебель, Алматы', en: 'Office furniture, Almaty' })!,
      description: LocalizedText.of({ kk: 'Үстелдер мен орындықтар', ru: 'Столы и стулья' })!,
      subjectCode: '310112.100.000001',
      amount: 5_000_000,
      method: 'open_tender',
      plannedQuarter: null,
      deliveryPlace: null,
      publishedAt: new Date(publishedAt),
      stage1ClosesAt: w.closesAt,
      stage1CloseDate: w.closeDate,
      hearingDeadlineDate: hearingDeadlineDate(w.closeDate, t.config.procedure),
    } as Partial<Plan>);
  }

  async function remark(plan: Plan, author: CreatedUser, body: string, at: string): Promise<void> {
    const cal = await t.app.get(CalendarService).calendar();
    await t.db.getRepository(Remark).insert({
      planId: plan.id,
      stage: 1,
      authorId: author.user.id,
      body,
      language: 'ru',
      bodyHash: createHash('sha256').update(body).digest('hex'),
      createdAt: new Date(at),
      answerDueAt: answerDueAt(new Date(at), 'Asia/Almaty', cal, t.config.procedure),
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-13T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    org = await createOrganization(t.db, council);
    const otherOrg = await createOrganization(t.db, council, { name: 'Akimat of Astana' });
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    otherOrganizer = await createUser(t, 'organizer', { organizationId: otherOrg.id });
    councilMember = await createUser(t, 'council_member', { councilId: council.id });
    participants = [
      await createUser(t, 'citizen'),
      await createUser(t, 'citizen', { locale: 'ru' }),
      await createUser(t, 'citizen', { locale: 'kk' }),
    ];
    follower = await createUser(t, 'citizen');
    signup = await createUser(t, 'citizen');
  });
  afterAll(async () => {
    await t.close();
  });

  it('overdue sweep marks a plan without a hearing once and tells the organizer staff and the council', async () => {
    const plan = await publishedPlan(org, organizer, '2027-02-01T10:00:00+05:00');
    expect(plan.hearingDeadlineDate).toBe('2027-03-04');
    const sweep = t.app.get(HearingSweepService);
    expect((await sweep.runOnce()).overdue).toBe(1);
    expect((await sweep.runOnce()).overdue).toBe(0);
    const after = await t.db.getRepository(Plan).findOneByOrFail({ id: plan.id });
    expect(after.hearingOverdueAt?.toISOString()).toBe(t.clock.now().toISOString());
    await t.flushMail();
    expect(t.smtp.to(organizer.user.email)).toHaveLength(1);
    expect(t.smtp.to(councilMember.user.email)).toHaveLength(1);
    expect(t.smtp.to(otherOrganizer.user.email)).toHaveLength(0);
    await t.flushMail();
    expect(t.smtp.to(organizer.user.email)).toHaveLength(1);
  });

  describe('a plan published 2027-02-20 (stage 1 closes 2027-03-12)', () => {
    let plan: Plan;
    let uid: string;
    const base = () => `/api/v1/plans/${plan.id}`;

    beforeAll(async () => {
      plan = await publishedPlan(org, organizer, '2027-02-20T10:00:00+05:00');
      expect(plan.stage1CloseDate).toBe('2027-03-12');
      await remark(plan, participants[0], 'First remark', '2027-02-21T10:00:00+05:00');
      await remark(plan, participants[0], 'Second remark by the same author', '2027-02-22T10:00:00+05:00');
      await remark(plan, participants[1], 'Замечание', '2027-02-23T10:00:00+05:00');
      await remark(plan, participants[2], 'Ескерту', '2027-02-24T10:00:00+05:00');
      await t.http.post(`${base()}/follow`).set(follower.auth).expect(200);
      await t.http.post(`${base()}/follow`).set(follower.auth).expect(200); // idempotent
      await t.http.post(`${base()}/follow`).set(participants[0].auth).expect(200); // participant and follower: still one e-mail
      await t.http.post(`${base()}/hearing/signup`).set(signup.auth).expect(200);
      await t.http.post(`${base()}/follow`).expect(401);
      expect(await t.db.getRepository(PlanSubscription).countBy({ planId: plan.id })).toBe(3);
    });

    it('lists the allowed dates close+1..close+10 with reasons', async () => {
      const res = await t.http.get(`${base()}/hearing/allowed-dates`).set('Accept-Language', 'en').expect(200);
      expect(res.body.from).toBe('2027-03-13');
      expect(res.body.to).toBe('2027-03-22');
      expect(res.body.dates).toHaveLength(10);
      const byDate = Object.fromEntries(res.body.dates.map((d: { date: string }) => [d.date, d]));
      expect(byDate['2027-03-13']).toMatchObject({ allowed: false, reason: 'Saturday' });
      expect(byDate['2027-03-14']).toMatchObject({ allowed: false, reason: 'Sunday' });
      expect(byDate['2027-03-15']).toMatchObject({ allowed: false, reason: 'Constitution Day' });
      expect(byDate['2027-03-16']).toMatchObject({ allowed: true, reason: null });
      expect(byDate['2027-03-22']).toMatchObject({ allowed: false, reason: 'Nauryz holiday' });
      const ru = await t.http.get(`${base()}/hearing/allowed-dates`).set('Accept-Language', 'ru').expect(200);
      expect(ru.body.dates[1].reason).toBe('Воскресенье');
    });

    it('GET /hearing before scheduling is 409 HEARING_NOT_SCHEDULED', async () => {
      const res = await t.http.get(`${base()}/hearing`).expect(409);
      expect(res.body.error.code).toBe('HEARING_NOT_SCHEDULED');
    });

    it.each([
      ['a Sunday', '2027-03-14T10:00:00+05:00', 'ru', 'Воскресенье'],
      ['a holiday', '2027-03-15T10:00:00+05:00', 'kk', 'Конституция күні'],
      ['day 11', '2027-03-23T10:00:00+05:00', 'en', 'after the 10-day limit (last allowed date 2027-03-22)'],
      ['08:30', '2027-03-16T08:30:00+05:00', 'en', 'outside working hours 09:00-18:00 (start time 08:30)'],
      ['18:00', '2027-03-16T13:00:00Z', 'en', 'outside working hours 09:00-18:00 (start time 18:00)'],
      ['before the close', '2027-03-12T10:00:00+05:00', 'ru', 'до окончания первого этапа'],
    ])('refuses %s with 422 and the reason in the request language', async (_label, startsAt, lang, reason) => {
      const res = await t.http.put(`${base()}/hearing`).set(organizer.auth).set('Accept-Language', lang).send({ startsAt }).expect(422);
      expect(res.body.error.code).toBe('HEARING_DATE_NOT_ALLOWED');
      expect(res.body.error.message).toContain(reason);
      expect(await t.db.getRepository(Hearing).countBy({ planId: plan.id })).toBe(0);
    });

    it('refuses other organizations and citizens, and bad bodies', async () => {
      const body = { startsAt: '2027-03-16T10:00:00+05:00' };
      expect((await t.http.put(`${base()}/hearing`).set(otherOrganizer.auth).send(body).expect(403)).body.error.code).toBe('FORBIDDEN');
      await t.http.put(`${base()}/hearing`).set(participants[0].auth).send(body).expect(403);
      await t.http.put(`${base()}/hearing`).send(body).expect(401);
      await t.http.put(`${base()}/hearing`).set(organizer.auth).send({ startsAt: '2027-03-16T10:00:00' }).expect(400);
      await t.http
        .put(`${base()}/hearing`)
        .set(organizer.auth)
        .send({ ...body, livestreamUrl: 'http://insecure.example' })
        .expect(400);
    });

    it('schedules and e-mails every participant, follower and sign-up exactly once with an .ics', async () => {
      // a string room is in the Content-Language; the reader (Accept-Language: en) gets a fallback and every version under i18n
      const res = await t.http
        .put(`${base()}/hearing`)
        .set(organizer.auth)
        .set('Content-Language', 'ru')
        .set('Accept-Language', 'en')
        .send({ startsAt: '2027-03-16T10:00:00+05:00', room: 'Зал 2', livestreamUrl: 'https://stream.example/akimat' })
        .expect(200);
      expect(res.body).toMatchObject({
        startsAt: '2027-03-16T05:00:00.000Z',
        endsAt: '2027-03-16T07:00:00.000Z',
        localDate: '2027-03-16',
        venue: 'Almaty, Republic Square 4',
        room: 'Зал 2',
        status: 'scheduled',
        sequence: 0,
      });
      expect(res.body.i18n.room).toEqual({ kk: null, ru: 'Зал 2', en: null });
      expect(res.body.i18n.venue).toEqual({
        kk: 'Алматы қ., Республика алаңы, 4',
        ru: 'г. Алматы, площадь Республики, 4',
        en: 'Almaty, Republic Square 4',
      });
      expect(res.body.history).toHaveLength(1);
      const hearing = await t.db.getRepository(Hearing).findOneByOrFail({ planId: plan.id });
      uid = hearing.icalUid;
      await t.flushMail();
      for (const person of [...participants, follower, signup]) {
        const mails = t.smtp.to(person.user.email);
        expect(mails).toHaveLength(1);
        const ics = icsOf(mails[0]);
        expect(mails[0].attachments[0].filename).toBe('hearing.ics');
        expect(mails[0].attachments[0].contentType).toBe('text/calendar');
        expect(ics).toContain('METHOD:REQUEST\r\n');
        expect(ics).toContain(`UID:${uid}\r\n`);
        expect(ics).toContain('SEQUENCE:0\r\n');
        expect(ics).toContain('DTSTART:20270316T050000Z\r\n');
        expect(ics).toContain('DTEND:20270316T070000Z\r\n');
        expect(ics).toContain(`:mailto:${person.user.email}\r\n`);
        expect(ics).toContain('STATUS:CONFIRMED\r\n');
        // the calendar in the recipient's language: venue, room (a fallback to Russian) and the plan's title, RFC 5545-escaped
        const lang = person.user.locale as 'kk' | 'ru' | 'en';
        const venue = {
          kk: 'Алматы қ.\\, Республика алаңы\\, 4',
          ru: 'г. Алматы\\, площадь Республики\\, 4',
          en: 'Almaty\\, Republic Square 4',
        }[lang];
        const title = { kk: 'Кеңсе жиһазы\\, Алматы', ru: 'Офисная мебель\\, Алматы', en: 'Office furniture\\, Almaty' }[lang];
        expect(unfold(ics)).toContain(`LOCATION:${venue}\\, Зал 2\r\n`);
        expect(unfold(ics)).toContain(`SUMMARY:`);
        expect(unfold(ics)).toContain(`: ${title}\r\n`);
        expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
        for (const line of mails[0].attachments[0].content.toString().split('\r\n'))
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      }
      expect(t.smtp.to(participants[1].user.email)[0].subject).toMatch(/^Назначены публичные слушания/);
      expect(t.smtp.to(participants[2].user.email)[0].subject).toMatch(/^Көпшілік тыңдаулар тағайындалды/);
      expect(t.smtp.to(organizer.user.email)).toHaveLength(1); // only the overdue notice of the other plan
    });

    it('serves the .ics publicly', async () => {
      const res = await t.http.get(`${base()}/hearing.ics`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(unfold(res.text)).toContain(`UID:${uid}\r\n`);
    });

    it("serves the .ics in the requester's language: ?lang= first, then Accept-Language", async () => {
      const kk = unfold((await t.http.get(`${base()}/hearing.ics?lang=kk`).set('Accept-Language', 'en').expect(200)).text);
      expect(kk).toContain('SUMMARY:Көпшілік тыңдаулар: Кеңсе жиһазы\\, Алматы\r\n');
      expect(kk).toContain('LOCATION:Алматы қ.\\, Республика алаңы\\, 4\\, Зал 2\r\n');
      const ru = unfold((await t.http.get(`${base()}/hearing.ics`).set('Accept-Language', 'ru-RU,ru;q=0.9').expect(200)).text);
      expect(ru).toContain('LOCATION:г. Алматы\\, площадь Республики\\, 4\\, Зал 2\r\n');
      expect(ru).toContain(': Офисная мебель\\, Алматы\r\n');
    });

    it('adds a translation of the room without a new sequence or e-mail; 409 TRANSLATION_EXISTS for another text', async () => {
      const before = t.smtp.messages.length;
      const url = `${base()}/hearing/translations`;
      await t.http
        .put(url)
        .set(otherOrganizer.auth)
        .send({ room: { kk: '2-зал' } })
        .expect(403);
      await t.http
        .put(url)
        .send({ room: { kk: '2-зал' } })
        .expect(401);
      const res = await t.http
        .put(url)
        .set(organizer.auth)
        .set('Accept-Language', 'kk')
        .send({ room: { kk: '2-зал', ru: 'Зал 2' } })
        .expect(200);
      expect(res.body).toMatchObject({ room: '2-зал', sequence: 0 });
      expect(res.body.i18n.room).toEqual({ kk: '2-зал', ru: 'Зал 2', en: null });
      expect(res.body.history[0].i18n.room).toEqual({ kk: '2-зал', ru: 'Зал 2', en: null });
      const conflict = await t.http
        .put(url)
        .set(organizer.auth)
        .send({ room: { ru: 'Зал № 2' } })
        .expect(409);
      expect(conflict.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['ru'] });
      await t.http
        .put(url)
        .set(organizer.auth)
        .send({ room: { ru: 'Зал 2' } })
        .expect(200); // the same text again: nothing to do
      // the venue was copied from the address when the hearing was scheduled: it takes translations of its own
      const venue = await t.http
        .put(url)
        .set(organizer.auth)
        .set('Accept-Language', 'en')
        .send({ venue: { en: 'Almaty, Republic Square 4' } })
        .expect(200);
      expect(venue.body).toMatchObject({ venue: 'Almaty, Republic Square 4', room: 'Зал 2', sequence: 0 });
      const venueClash = await t.http
        .put(url)
        .set(organizer.auth)
        .send({ venue: { kk: 'Басқа мекенжай' } })
        .expect(409);
      expect(venueClash.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['kk'] });
      const stored = await t.db.getRepository(Hearing).findOneByOrFail({ planId: plan.id });
      expect(stored.sequence).toBe(0);
      expect(stored.room?.toJSON()).toEqual({ kk: '2-зал', ru: 'Зал 2', en: null });
      await t.flushMail();
      expect(t.smtp.messages.length).toBe(before);
      const kk = unfold((await t.http.get(`${base()}/hearing.ics?lang=kk`).expect(200)).text);
      expect(kk).toContain('LOCATION:Алматы қ.\\, Республика алаңы\\, 4\\, 2-зал\r\n');
    });

    it('refuses a protocol before the hearing with 409 HEARING_NOT_HELD', async () => {
      const res = await t.http
        .post(`${base()}/hearing/protocol`)
        .set(organizer.auth)
        .send({ attendeesCount: 12, speakers: ['A'], summary: 'Summary', decisions: ['Keep the plan'] })
        .expect(409);
      expect(res.body.error.code).toBe('HEARING_NOT_HELD');
    });

    it('reschedules: SEQUENCE 1, the same UID, history kept', async () => {
      const before = t.smtp.messages.length;
      const res = await t.http
        .put(`${base()}/hearing`)
        .set(organizer.auth)
        .send({ startsAt: '2027-03-17T11:00:00+05:00', room: { kk: '3-зал', ru: 'Зал 3' } })
        .expect(200);
      expect(res.body).toMatchObject({ sequence: 1, localDate: '2027-03-17', status: 'scheduled' });
      expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['scheduled', 'rescheduled']);
      await t.flushMail();
      expect(t.smtp.messages.length - before).toBe(5); // 3 participants (one also follows), a follower, a sign-up
      const ics = icsOf(t.smtp.to(follower.user.email)[1]);
      expect(ics).toContain(`UID:${uid}\r\n`);
      expect(ics).toContain('SEQUENCE:1\r\n');
      expect(ics).toContain('DTSTART:20270317T060000Z\r\n');
    });

    it('reminds the working day before, once, even when the sweep runs twice', async () => {
      const sweep = t.app.get(HearingSweepService);
      expect((await sweep.runOnce()).reminders).toBe(0); // Saturday 13th: too early
      t.clock.set(new Date('2027-03-16T09:00:00+05:00'));
      expect((await sweep.runOnce()).reminders).toBe(1);
      expect((await sweep.runOnce()).reminders).toBe(0);
      await t.flushMail();
      expect(t.smtp.to(signup.user.email).map((m) => m.subject)).toEqual([
        // the sign-up reads English: the title's English version
        'Public hearing scheduled: Office furniture, Almaty',
        'Public hearing rescheduled: Office furniture, Almaty',
        'Reminder: public hearing: Office furniture, Almaty',
      ]);
      expect(t.smtp.to(participants[0].user.email)).toHaveLength(3);
    });

    it('publishes the protocol after the hearing, notifies everyone, then only corrections', async () => {
      t.clock.set(new Date('2027-03-17T14:00:00+05:00'));
      const before = t.smtp.messages.length;
      // each text as {kk, ru} or a string in the Content-Language (the organizer's account language, en, without it)
      const body = {
        attendeesCount: 12,
        speakers: ['А. Ахметов', { kk: 'Б. Серікова', ru: 'Б. Серикова' }],
        questions: [{ question: { kk: 'Неге?', ru: 'Почему?' }, answer: 'Because.' }],
        summary: { kk: 'Талқыланды.', ru: 'Обсудили.' },
        decisions: [{ ru: 'Оставить план' }],
      };
      const res = await t.http.post(`${base()}/hearing/protocol`).set(fresh(t, otherOrganizer)).send(body).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      const created = await t.http
        .post(`${base()}/hearing/protocol`)
        .set(fresh(t, organizer))
        .set('Accept-Language', 'kk')
        .send(body)
        .expect(201);
      expect(created.body).toMatchObject({ version: 1, attendeesCount: 12, late: false, versions: [{ version: 1 }] });
      expect(created.body.summary).toBe('Талқыланды.');
      expect(created.body.speakers).toEqual(['А. Ахметов', 'Б. Серікова']);
      expect(created.body.i18n.speakers).toEqual([
        { kk: null, ru: null, en: 'А. Ахметов' },
        { kk: 'Б. Серікова', ru: 'Б. Серикова', en: null },
      ]);
      expect(created.body.decisions).toEqual(['Оставить план']); // kk missing: the Russian version
      expect(created.body.questions[0]).toMatchObject({ question: 'Неге?', answer: 'Because.' });
      const stored = await t.db.getRepository(Plan).findOneByOrFail({ id: plan.id });
      expect(stored.protocolPublishedAt?.toISOString()).toBe('2027-03-17T09:00:00.000Z');
      expect(stored.reviewClosesAt).not.toBeNull();
      expect((await t.http.post(`${base()}/hearing/protocol`).set(fresh(t, organizer)).send(body).expect(409)).body.error.code).toBe(
        'PROTOCOL_EXISTS',
      );
      await t.flushMail();
      expect(t.smtp.messages.length - before).toBe(5); // 3 participants (one also follows), a follower, a sign-up
      const ruMail = t.smtp.to(participants[1].user.email).at(-1)!;
      expect(ruMail.subject).toBe('Опубликован протокол слушаний: Офисная мебель, Алматы');
      expect(ruMail.text).toContain('Обсудили.');
      const kkMail = t.smtp.to(participants[2].user.email).at(-1)!;
      expect(kkMail.subject).toMatch(/: Кеңсе жиһазы, Алматы$/);
      expect(kkMail.text).toContain('Талқыланды.');
      expect(kkMail.text).not.toContain('Обсудили.');
      await t.http
        .post(`${base()}/hearing/protocol/corrections`)
        .set(fresh(t, organizer))
        .set('Content-Language', 'ru')
        .send({ ...body, attendeesCount: 13, reason: 'Ошибка в подсчёте' })
        .expect(201);
      const got = await t.http.get(`${base()}/hearing/protocol`).set('Accept-Language', 'ru').expect(200);
      expect(got.body).toMatchObject({ version: 2, attendeesCount: 13, correctionReason: 'Ошибка в подсчёте' });
      expect(got.body.i18n.correctionReason).toEqual({ kk: null, ru: 'Ошибка в подсчёте', en: null });
      expect(got.body.versions).toHaveLength(2);

      // translations of the latest version: lists by index, in place, no version, no e-mail
      await t.flushMail();
      const mails = t.smtp.messages.length;
      const url = `${base()}/hearing/protocol/translations`;
      await t.http
        .put(url)
        .set(fresh(t, otherOrganizer))
        .send({ decisions: [{ kk: 'Жоспарды қалдыру' }] })
        .expect(403);
      await t.http
        .put(url)
        .set(fresh(t, organizer))
        .send({ speakers: [{ kk: 'А. Ахметов' }, null, { kk: 'артық' }] })
        .expect(400);
      const translated = await t.http
        .put(url)
        .set(fresh(t, organizer))
        .set('Accept-Language', 'kk')
        .send({
          speakers: [{ ru: 'А. Ахметов', kk: 'А. Ахметов' }],
          decisions: [{ kk: 'Жоспарды қалдыру' }],
          questions: [{ answer: { kk: 'Себебі.' } }],
          correctionReason: { kk: 'Санауда қате' },
        })
        .expect(200);
      expect(translated.body).toMatchObject({ version: 2, decisions: ['Жоспарды қалдыру'], correctionReason: 'Санауда қате' });
      // version 2 was sent with Content-Language: ru, so its string speaker is Russian; Kazakh is added
      expect(translated.body.i18n.speakers[0]).toEqual({ kk: 'А. Ахметов', ru: 'А. Ахметов', en: null });
      expect(translated.body.questions[0].i18n.answer).toEqual({ kk: 'Себебі.', ru: 'Because.', en: null });
      expect(translated.body.versions).toHaveLength(2);
      const conflict = await t.http
        .put(url)
        .set(fresh(t, organizer))
        .send({ summary: { ru: 'Другое' } })
        .expect(409);
      expect(conflict.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['ru'] });
      await t.flushMail();
      expect(t.smtp.messages.length).toBe(mails);
      const again = await t.http
        .put(`${base()}/hearing`)
        .set(fresh(t, organizer))
        .send({ startsAt: '2027-03-18T11:00:00+05:00' })
        .expect(409);
      expect(again.body.error.code).toBe('PROTOCOL_EXISTS');
    });
  });

  describe('cancelling', () => {
    it('cancels with a reason and sends METHOD:CANCEL; a closed stage 1 is required', async () => {
      t.clock.set(new Date('2027-03-13T10:00:00+05:00'));
      const open = await publishedPlan(org, organizer, '2027-03-05T10:00:00+05:00');
      const refused = await t.http
        .put(`/api/v1/plans/${open.id}/hearing`)
        .set(fresh(t, organizer))
        .send({ startsAt: '2027-03-16T10:00:00+05:00' })
        .expect(409);
      expect(refused.body.error.code).toBe('STAGE1_NOT_CLOSED');

      const plan = await publishedPlan(org, organizer, '2027-02-20T11:00:00+05:00');
      const person = await createUser(t, 'citizen');
      await remark(plan, person, 'A remark', '2027-02-21T10:00:00+05:00');
      const base = `/api/v1/plans/${plan.id}`;
      await t.http.put(`${base}/hearing`).set(fresh(t, organizer)).send({ startsAt: '2027-03-18T15:00:00+05:00' }).expect(200);
      await t.http.delete(`${base}/hearing`).set(fresh(t, organizer)).send({}).expect(400);
      await t.http.delete(`${base}/hearing`).set(fresh(t, otherOrganizer)).send({ reason: 'x' }).expect(403);
      const res = await t.http.delete(`${base}/hearing`).set(fresh(t, organizer)).send({ reason: 'The hall is flooded' }).expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', sequence: 1, cancelReason: 'The hall is flooded' });
      await t.flushMail();
      const mails = t.smtp.to(person.user.email);
      expect(mails).toHaveLength(2);
      const cancelMail = mails.find((m) => icsOf(m).includes('METHOD:CANCEL'))!;
      const requestMail = mails.find((m) => icsOf(m).includes('METHOD:REQUEST'))!;
      const ics = icsOf(cancelMail);
      expect(ics).toContain('METHOD:CANCEL\r\n');
      expect(ics).toContain('STATUS:CANCELLED\r\n');
      expect(ics).toContain('SEQUENCE:1\r\n');
      expect(ics).toContain(`UID:${icsOf(requestMail).match(/UID:(.*)\r\n/)![1]}\r\n`);
      expect(cancelMail.attachments[0].contentType).toBe('text/calendar');
      expect(cancelMail.text).toContain('The hall is flooded');
      const pub = await t.http.get(`${base}/hearing.ics`).expect(200);
      expect(pub.text).toContain('METHOD:PUBLISH\r\n');
      expect(pub.text).toContain('STATUS:CANCELLED\r\n');
      expect((await t.http.delete(`${base}/hearing`).set(fresh(t, organizer)).send({ reason: 'again' }).expect(409)).body.error.code).toBe(
        'HEARING_NOT_SCHEDULED',
      );
      t.clock.set(new Date('2027-03-19T10:00:00+05:00'));
      const proto = await t.http
        .post(`${base}/hearing/protocol`)
        .set(fresh(t, organizer))
        .send({ attendeesCount: 0, speakers: [], summary: 'x', decisions: [] })
        .expect(409);
      expect(proto.body.error.code).toBe('HEARING_NOT_HELD');
      await t.http.delete(`${base}/follow`).set(fresh(t, person)).expect(200);
      expect(await t.db.getRepository(User).countBy({ id: person.user.id })).toBe(1);
    });
  });
});
