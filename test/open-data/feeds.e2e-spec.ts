import { randomUUID } from 'node:crypto';
import { CalendarService } from '../../src/calendar/calendar.service';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { Hearing } from '../../src/hearings/hearing.entity';
import type { Organization } from '../../src/organizations/organization.entity';
import { Plan } from '../../src/plans/plan.entity';
import { hearingDeadlineDate, stage1Window } from '../../src/procedure/deadlines';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { alternateLinks, parseAtom, parseCalendar } from './feed-parsers';

const ATOM = '/api/v1/feeds/plans.atom';
const ICS = '/api/v1/feeds/hearings.ics';
/** A title that would break out of an XML element or an iCalendar property if either were written carelessly. */
const HOSTILE = '</title><script>alert(1)</script> & "quoted" ]]> a;b,c\\d\nSUMMARY:injected\u0001\ufffe end';
/** What a feed reader gets back: the characters XML 1.0 forbids are gone, everything else is text. */
const HOSTILE_XML = HOSTILE.replaceAll('\u0001', '').replaceAll('\ufffe', '');
/** What a calendar app gets back: the control character is gone (RFC 5545 allows U+FFFE). */
const HOSTILE_ICS = HOSTILE.replaceAll('\u0001', '');

describe('feeds: Atom of published plans, iCalendar of upcoming hearings', () => {
  let t: TestApp;
  let almaty: Organization;
  let astana: Organization;
  let organizer: CreatedUser;
  let furniture: Plan;
  let hostile: Plan;
  let road: Plan;
  let draft: Plan;

  async function plan(
    organization: Organization,
    publishedAt: string | null,
    title: LocalizedText,
    description: LocalizedText,
  ): Promise<Plan> {
    const cal = await t.app.get(CalendarService).calendar();
    const w = publishedAt ? stage1Window(new Date(publishedAt), organization.timeZone, cal, t.config.procedure) : null;
    return t.db.getRepository(Plan).save({
      organizationId: organization.id,
      createdBy: organizer.user.id,
      title,
      description,
      subjectCode: '310112.100.000001',
      amount: 5_000_000,
      method: 'open_tender',
      plannedQuarter: null,
      deliveryPlace: null,
      publishedAt: publishedAt ? new Date(publishedAt) : null,
      stage1ClosesAt: w?.closesAt ?? null,
      stage1CloseDate: w?.closeDate ?? null,
      hearingDeadlineDate: w ? hearingDeadlineDate(w.closeDate, t.config.procedure) : null,
    } as Partial<Plan>);
  }

  async function hearing(p: Plan, startsAt: string, fields: Partial<Hearing> = {}): Promise<Hearing> {
    const start = new Date(startsAt);
    return t.db.getRepository(Hearing).save({
      planId: p.id,
      status: 'scheduled',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      localDate: startsAt.slice(0, 10),
      venue: LocalizedText.of({ kk: 'Әкімдік ғимараты', ru: 'Здание акимата', en: 'Akimat building' })!,
      room: null,
      livestreamUrl: null,
      icalUid: `${randomUUID()}@talqylau.test`,
      sequence: 0,
      cancelReason: null,
      reminderSweptFor: null,
      ...fields,
    } as Partial<Hearing>);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-13T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    almaty = await createOrganization(t.db, council);
    astana = await createOrganization(t.db, council, { name: 'Акимат города Астаны' });
    organizer = await createUser(t, 'organizer', { organizationId: almaty.id });
    furniture = await plan(
      almaty,
      '2027-02-20T10:00:00+05:00',
      LocalizedText.of({ kk: 'Кеңсе жиһазы', ru: 'Офисная мебель', en: 'Office furniture' })!,
      LocalizedText.of({ kk: 'Үстелдер мен орындықтар', ru: 'Столы и стулья', en: 'Desks and chairs' })!,
    );
    hostile = await plan(
      almaty,
      '2027-03-01T10:00:00+05:00',
      LocalizedText.of({ kk: HOSTILE, ru: HOSTILE, en: HOSTILE })!,
      LocalizedText.of({ ru: HOSTILE })!,
    );
    road = await plan(
      astana,
      '2027-03-05T10:00:00+05:00',
      LocalizedText.of({ ru: 'Ремонт дороги' })!,
      LocalizedText.of({ ru: 'Ямочный ремонт' })!,
    );
    draft = await plan(almaty, null, LocalizedText.of({ ru: 'Черновик' })!, LocalizedText.of({ ru: 'Не опубликован' })!);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('plans.atom', () => {
    it('lists published plans newest first, in the language asked for, with absolute links and stable ids', async () => {
      const res = await t.http.get(`${ATOM}?lang=en`).expect(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const { meta, items } = await parseAtom(res.text);
      expect(meta['#type']).toBe('atom');
      expect(meta.title).toBe('Procurement plans under public discussion');
      expect(meta.language).toBe('en');
      expect(meta.xmlurl).toBe('http://talqylau.test/api/v1/feeds/plans.atom?lang=en');
      expect(items.map((i) => i.guid)).toEqual([road.id, hostile.id, furniture.id].map((id) => `urn:uuid:${id}`));
      expect(items.map((i) => i.guid)).not.toContain(`urn:uuid:${draft.id}`);
      const office = items[2];
      expect(office.title).toBe('Office furniture');
      expect(office.link).toBe(`http://talqylau.test/plans/${furniture.id}?lang=en`);
      expect(office.author).toBe('Akimat of Almaty');
      expect(office.pubdate?.toISOString()).toBe(furniture.publishedAt!.toISOString());
      expect(office.date!.getTime()).toBeGreaterThanOrEqual(furniture.publishedAt!.getTime());
      expect(office.summary).toContain('<p>Desks and chairs</p>');
      expect(office.summary).toMatch(/Planned amount: ₸?\s?5,000,000/);
      expect(office.summary).toContain('open tender');
      expect(office.summary).toContain('(Asia/Almaty)');
      expect(meta.date!.getTime()).toBe(Math.max(...items.map((i) => i.date!.getTime())));
    });

    it('falls back to another version where the language is missing, and says which (xml:lang)', async () => {
      const res = await t.http.get(ATOM).set('Accept-Language', 'en').expect(200);
      const { items } = await parseAtom(res.text);
      expect(items[0].title).toBe('Ремонт дороги');
      expect(res.text).toContain('<title type="text" xml:lang="ru">Ремонт дороги</title>');
      expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
      const kk = await parseAtom((await t.http.get(ATOM).set('Accept-Language', 'kk-KZ,ru;q=0.8').expect(200)).text);
      expect(kk.meta.title).toBe('Қоғамдық талқылаудағы сатып алу жоспарлары');
      expect(kk.items[2].title).toBe('Кеңсе жиһазы');
      const ru = await parseAtom((await t.http.get(`${ATOM}?lang=ru`).set('Accept-Language', 'kk').expect(200)).text);
      expect(ru.items[2].title).toBe('Офисная мебель');
      expect(ru.items[2].author).toBe('Акимат города Алматы');
    });

    it("filters by organization, titled with the organization's name", async () => {
      const res = await t.http.get(`${ATOM}?organizationId=${astana.id}&lang=en`).expect(200);
      const { meta, items } = await parseAtom(res.text);
      expect(meta.title).toBe('Procurement plans of Акимат города Астаны under public discussion');
      expect(items.map((i) => i.guid)).toEqual([`urn:uuid:${road.id}`]);
      const own = await parseAtom((await t.http.get(`${ATOM}?organizationId=${almaty.id}`).expect(200)).text);
      expect(own.items.map((i) => i.guid)).toEqual([`urn:uuid:${hostile.id}`, `urn:uuid:${furniture.id}`]);
    });

    it('keeps a hostile title text: well-formed XML, no markup of its own, forbidden characters dropped', async () => {
      const res = await t.http.get(`${ATOM}?lang=en`).expect(200);
      expect(res.text).not.toContain('<script>');
      expect(res.text).not.toContain('\u0001');
      const item = (await parseAtom(res.text)).items.find((i) => i.guid === `urn:uuid:${hostile.id}`)!;
      // feedparser strips whatever looks like a tag from `title`; the element's own text is kept beside it
      expect((item as unknown as Record<string, { '#': string }>)['atom:title']['#']).toBe(HOSTILE_XML);
      // the summary is HTML (type="html"): once unescaped by the reader, the title's markup is still text
      expect(item.summary).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;');
      expect(item.summary).toContain('<p lang="ru">');
      expect(item.summary).not.toContain('<script>');
    });

    it('refuses a malformed or unknown organization and an unknown language in the error shape', async () => {
      for (const [url, status, code] of [
        [`${ATOM}?organizationId=not-a-uuid`, 400, 'VALIDATION_FAILED'],
        [`${ATOM}?organizationId=${randomUUID()}`, 404, 'ORGANIZATION_NOT_FOUND'],
        [`${ATOM}?lang=de`, 400, 'VALIDATION_FAILED'],
        [`${ICS}?organizationId=${'-'.repeat(36)}`, 400, 'VALIDATION_FAILED'],
        [`${ICS}?organizationId=${randomUUID()}`, 404, 'ORGANIZATION_NOT_FOUND'],
      ] as const) {
        const res = await t.http.get(url).set('Accept-Language', 'ru').expect(status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
      }
    });
  });

  describe('hearings.ics', () => {
    let upcomingRoad: Hearing;
    let upcomingHostile: Hearing;

    beforeAll(async () => {
      upcomingRoad = await hearing(road, '2027-03-20T11:00:00+05:00', {
        room: LocalizedText.of({ ru: 'Зал ;,\\ "1"\nвход со двора' }),
      });
      upcomingHostile = await hearing(hostile, '2027-03-18T15:00:00+05:00');
      const past = await plan(astana, '2027-02-01T10:00:00+05:00', LocalizedText.of({ ru: 'Прошедшие' })!, LocalizedText.of({ ru: 'x' })!);
      await hearing(past, '2027-03-05T11:00:00+05:00');
      const cancelled = await plan(
        astana,
        '2027-02-02T10:00:00+05:00',
        LocalizedText.of({ ru: 'Отменённые' })!,
        LocalizedText.of({ ru: 'x' })!,
      );
      await hearing(cancelled, '2027-03-19T11:00:00+05:00', { status: 'cancelled', cancelReason: 'Flooded', sequence: 1 });
    });

    it('holds every upcoming hearing soonest first, not the past or cancelled ones, in the language asked for', async () => {
      const scheduled = await t.http
        .put(`/api/v1/plans/${furniture.id}/hearing`)
        .set(organizer.auth)
        .send({ startsAt: '2027-03-16T10:00:00+05:00' })
        .expect(200);
      const res = await t.http.get(`${ICS}?lang=ru`).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const { calendar, events } = parseCalendar(res.text);
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Предстоящие публичные слушания');
      expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
      expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
      expect(events.map((e) => e.summary)).toEqual([
        'Публичные слушания: Офисная мебель',
        `Публичные слушания: ${HOSTILE_ICS}`,
        'Публичные слушания: Ремонт дороги',
      ]);
      const [office] = events;
      const stored = await t.db.getRepository(Hearing).findOneByOrFail({ id: scheduled.body.id });
      expect(office).toMatchObject({
        uid: stored.icalUid,
        sequence: 0,
        status: 'CONFIRMED',
        url: `http://talqylau.test/plans/${furniture.id}`,
      });
      expect(office.start.toISOString()).toBe('2027-03-16T05:00:00.000Z');
      expect(office.end.getTime()).toBeGreaterThan(office.start.getTime());
      expect(office.location).toBe('г. Алматы, площадь Республики, 4');
      expect(office.stamp).toBe('2027-03-13T05:00:00Z');
      expect(events.map((e) => e.uid)).toEqual([stored.icalUid, upcomingHostile.icalUid, upcomingRoad.icalUid]);
      const en = parseCalendar((await t.http.get(ICS).set('Accept-Language', 'en').expect(200)).text);
      expect(en.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Upcoming public hearings');
      expect(en.events[0].summary).toBe('Public hearing: Office furniture');
      expect(en.events[0].location).toBe('Almaty, Republic Square 4');
    });

    it('raises SEQUENCE when a hearing is rescheduled, keeping its UID', async () => {
      const before = parseCalendar((await t.http.get(ICS).expect(200)).text).events[0];
      await t.http
        .put(`/api/v1/plans/${furniture.id}/hearing`)
        .set(organizer.auth)
        .send({ startsAt: '2027-03-17T11:00:00+05:00' })
        .expect(200);
      const after = parseCalendar((await t.http.get(ICS).expect(200)).text).events[0];
      expect(after.uid).toBe(before.uid);
      expect(after.sequence).toBe(before.sequence + 1);
      expect(after.start.toISOString()).toBe('2027-03-17T06:00:00.000Z');
    });

    it('drops hearings once they have started (the clock moves on)', async () => {
      t.clock.set(new Date('2027-03-19T10:00:00+05:00'));
      try {
        const { events } = parseCalendar((await t.http.get(ICS).expect(200)).text);
        expect(events.map((e) => e.uid)).toEqual([upcomingRoad.icalUid]);
        expect(events[0].stamp).toBe('2027-03-19T05:00:00Z');
      } finally {
        t.clock.set(new Date('2027-03-13T10:00:00+05:00'));
      }
    });

    it('with no upcoming hearing is still a valid calendar (RFC 5545: one component at least, the zone of Kazakhstan)', async () => {
      t.clock.set(new Date('2027-12-31T10:00:00+05:00'));
      try {
        const text = (await t.http.get(ICS).expect(200)).text;
        const { calendar, events } = parseCalendar(text);
        expect(events).toEqual([]);
        const zone = calendar.getFirstSubcomponent('vtimezone');
        expect(zone?.getFirstPropertyValue('tzid')).toBe('Asia/Almaty');
        expect(calendar.getAllSubcomponents().length).toBeGreaterThan(0);
      } finally {
        t.clock.set(new Date('2027-03-13T10:00:00+05:00'));
      }
    });

    it('filters by organization, named after it; texts with ;,\\ quotes and line breaks read back as written', async () => {
      const { calendar, events } = parseCalendar((await t.http.get(`${ICS}?organizationId=${astana.id}&lang=ru`).expect(200)).text);
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Предстоящие публичные слушания: Акимат города Астаны');
      expect(events.map((e) => e.uid)).toEqual([upcomingRoad.icalUid]);
      expect(events[0].location).toBe('Здание акимата, Зал ;,\\ "1"\nвход со двора');
      const own = parseCalendar((await t.http.get(`${ICS}?organizationId=${almaty.id}&lang=en`).expect(200)).text);
      const text = own.events.find((e) => e.uid === upcomingHostile.icalUid)!;
      expect(text.summary).toBe(`Public hearing: ${HOSTILE_ICS}`);
      expect(own.calendar.getAllSubcomponents('vevent')).toHaveLength(2); // the injected "SUMMARY:" line stayed text
    });
  });

  describe('links from the pages', () => {
    async function checkAlternates(path: string, organizationId: string | null, titles: [string, string]): Promise<void> {
      const page = await t.http.get(path).set('Accept-Language', 'en').expect(200);
      const links = alternateLinks(page.text);
      const query = organizationId ? `organizationId=${organizationId}&lang=en` : 'lang=en';
      expect(links).toEqual([
        { type: 'application/atom+xml', href: `${ATOM}?${query}`, title: titles[0] },
        { type: 'text/calendar', href: `${ICS}?${query}`, title: titles[1] },
      ]);
      for (const link of links) {
        const res = await t.http.get(link.href).expect(200);
        expect(res.headers['content-type']).toBe(`${link.type}; charset=utf-8`);
      }
      expect(page.text).toContain(`href="${links[0].href.replace(/&/g, '&amp;')}"`);
    }

    it("the home page links everyone's feeds, visibly too; filtered by an organizer, that organizer's", async () => {
      await checkAlternates('/', null, ['Procurement plans under public discussion', 'Upcoming public hearings']);
      const home = (await t.http.get('/').set('Accept-Language', 'ru').expect(200)).text;
      expect(home).toContain('Планы в формате Atom</a>');
      expect(home).toContain('Слушания в календаре (iCalendar)</a>');
      await checkAlternates(`/?org=${almaty.id}`, almaty.id, [
        'Procurement plans of Akimat of Almaty under public discussion',
        'Upcoming public hearings: Akimat of Almaty',
      ]);
    });

    it("a plan page links its organization's feeds", async () => {
      await checkAlternates(`/plans/${road.id}`, astana.id, [
        'Procurement plans of Акимат города Астаны under public discussion',
        'Upcoming public hearings: Акимат города Астаны',
      ]);
    });
  });
});
