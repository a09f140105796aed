import { RequestMethod } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { bootstrapData, DEMO_ADMIN, DEMO_PASSWORD } from '../../src/bootstrap-data';
import { LOCALES, type Locale } from '../../src/common/i18n/locale';
import { Council } from '../../src/organizations/council.entity';
import { Organization } from '../../src/organizations/organization.entity';
import { Plan } from '../../src/plans/plan.entity';
import { UnsubscribeTokens } from '../../src/notifications/unsubscribe-token';
import { User } from '../../src/identity/user.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { newPlanBody } from '../support/factories';
import { pageControllers, pageRoutes } from '../support/page-routes';
import type { TestApp } from '../support/test-app';

/** One fetched page of the demo: what it is, who saw it, in which language, and its HTML. */
export interface DemoPage {
  /** e.g. "citizen GET /plans/:id" */
  route: string;
  url: string;
  who: string;
  locale: Locale;
  status: number;
  html: string;
}

/** The demo accounts the pages are seen by, one per role (the chairs are council members with the chair's pages). */
export const DEMO_VIEWERS = {
  citizen: 'aigerim@example.kz',
  organizer: 'organizer@akimat.talqylau.local',
  council_member: 'member2@akimat-council.talqylau.local',
  chair: 'member1@akimat-council.talqylau.local',
  moderator: 'moderator1@talqylau.local',
  admin: DEMO_ADMIN.email,
} as const;
export type Viewer = keyof typeof DEMO_VIEWERS | 'public';

/** GET page routes that answer with a redirect or a file, never a page. */
const NOT_PAGES = new Set([
  '/lang/:locale',
  '/view/:mode',
  '/assets/site.css',
  '/assets/icon.svg',
  '/assets/annual-plan-sample.csv',
  '/favicon.ico',
]);

/** Seeds the demo data (DEMO_DATA) at the clock's time, and a draft of the Akimat's organizer (the demo has none). */
export async function seedDemo(t: TestApp): Promise<void> {
  await bootstrapData(t.app, { ...t.config, adminEmail: null, adminPassword: null, demoData: true });
  const login = await t.http.post('/api/v1/auth/login').send({ email: DEMO_VIEWERS.organizer, password: DEMO_PASSWORD }).expect(200);
  await t.http
    .post('/api/v1/plans')
    .set('authorization', `Bearer ${login.body.accessToken as string}`)
    .send(newPlanBody())
    .expect(201);
}

/** Every GET route of the page controllers that shows a page, e.g. "/organizer/plans/:id/edit". */
export function pageGetRoutes(): string[] {
  return [
    ...new Set(
      pageControllers()
        .flatMap(pageRoutes)
        .filter((r) => r.method === RequestMethod.GET && !NOT_PAGES.has(r.path))
        .map((r) => r.path),
    ),
  ].sort();
}

async function sessionCookie(t: TestApp, email: string): Promise<string> {
  const password = email === DEMO_ADMIN.email ? DEMO_ADMIN.password : DEMO_PASSWORD;
  const res = await t.http.post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`cannot sign in as ${email}: ${res.status} ${res.text}`);
  return `session=${res.body.accessToken as string}`;
}

interface DemoIds {
  plans: string[];
  /** The plans the public sees (not the draft). */
  publishedPlans: string[];
  remarks: string[];
  organizations: string[];
  councils: string[];
  /** The link of a news e-mail to the demo citizen about the first published plan. */
  unsubscribeToken: string;
}

async function demoIds(t: TestApp): Promise<DemoIds> {
  const ids = async (entity: typeof Plan | typeof Remark | typeof Organization | typeof Council): Promise<string[]> =>
    (await t.db.getRepository<{ id: string }>(entity).find({ select: { id: true }, order: { id: 'ASC' } })).map((r) => r.id);
  const published = await t.db
    .getRepository(Plan)
    .find({ select: { id: true }, where: { publishedAt: Not(IsNull()) }, order: { id: 'ASC' } });
  return {
    plans: await ids(Plan),
    publishedPlans: published.map((p) => p.id),
    remarks: await ids(Remark),
    organizations: await ids(Organization),
    councils: await ids(Council),
    unsubscribeToken: t.app.get(UnsubscribeTokens).sign({
      userId: (await t.db.getRepository(User).findOneByOrFail({ email: DEMO_VIEWERS.citizen })).id,
      planId: published[0].id,
    }),
  };
}

/** The concrete URLs to try for a route: every demo plan, remark, organization or council its parameters name. */
function candidates(route: string, ids: DemoIds): string[] {
  const byParam: Array<[RegExp, string[]]> = [
    [/^\/(admin\/organizations)\/:id/, ids.organizations],
    [/^\/(admin\/councils)\/:id/, ids.councils],
    [/^\/(organizer\/remarks|remarks|moderation\/remarks)\/:(remarkId|id)/, ids.remarks],
    [/\/:id/, ids.plans],
  ];
  for (const [pattern, values] of byParam) {
    if (pattern.test(route)) return values.map((id) => route.replace(/:(remarkId|id)/, id));
  }
  return [route];
}

async function get(t: TestApp, url: string, locale: Locale, cookie: string | null): Promise<{ status: number; html: string }> {
  const sep = url.includes('?') ? '&' : '?';
  const req = t.http.get(`${url}${sep}lang=${locale}`);
  if (cookie) void req.set('cookie', cookie);
  const res = await req;
  return { status: res.status, html: res.text };
}

/**
 * The public pages in each language: home (and a search, and one organization's plans), every demo
 * plan, statistics, sign-in, registration, password reset, a page not found.
 */
export async function publicDemoPages(t: TestApp): Promise<DemoPage[]> {
  const ids = await demoIds(t);
  const pages: DemoPage[] = [];
  for (const locale of LOCALES) {
    for (const [route, url] of PUBLIC_URLS(ids)) {
      pages.push({ route: `public GET ${route}`, url, who: 'public', locale, ...(await get(t, url, locale, null)) });
    }
  }
  return pages;
}

/** The public pages' routes and URLs. */
function PUBLIC_URLS(ids: DemoIds): Array<[string, string]> {
  return [
    ['/', '/'],
    ['/ (search)', '/?q=%D1%88%D0%BA%D0%BE%D0%BB'],
    ['/ (organization)', `/?org=${ids.organizations[0]}`],
    ...ids.publishedPlans.map((id): [string, string] => ['/plans/:id', `/plans/${id}`]),
    ['/statistics', '/statistics'],
    ['/login', '/login'],
    ['/register', '/register'],
    ['/forgot-password', '/forgot-password'],
    ['/reset-password', '/reset-password?token=not-a-token'],
    ['/verify-email', '/verify-email?token=not-a-token'], // refused: 400, with its page
    ['/unsubscribe', `/unsubscribe?token=${ids.unsubscribeToken}`],
    ['(not found)', '/plans/00000000-0000-4000-8000-000000000000'],
  ];
}

/** Routes whose page differs with the plan's stage: every demo plan is seen there, elsewhere the first one shown. */
const EVERY_PLAN = new Set(['/plans/:id', '/organizer/plans/:id', '/council/plans/:id']);

/**
 * Each role's pages: every GET page route tried with the demo's plans, remarks, organizations and
 * councils as parameters; each URL that shows the viewer a page (200) is kept, in one of the three
 * languages in turn (the public pages are seen in all three). `uncovered` lists the routes no viewer
 * could see, for the caller to check against its known list.
 */
export async function signedInDemoPages(t: TestApp): Promise<{ pages: DemoPage[]; uncovered: string[] }> {
  const ids = await demoIds(t);
  const routes = pageGetRoutes();
  const seen = new Set<string>();
  const pages: DemoPage[] = [];
  let turn = 0;
  for (const [who, email] of Object.entries(DEMO_VIEWERS)) {
    const cookie = await sessionCookie(t, email);
    for (const route of routes) {
      for (const url of candidates(route, ids)) {
        const locale = LOCALES[turn % LOCALES.length];
        const page = await get(t, url, locale, cookie);
        if (page.status !== 200) continue;
        turn++;
        seen.add(route);
        pages.push({ route: `${who} GET ${route}`, url, who, locale, ...page });
        if (!EVERY_PLAN.has(route)) break;
      }
    }
  }
  const shownToPublic = new Set(PUBLIC_URLS(ids).map(([route]) => route.replace(/ \(.*\)$/, '')));
  return { pages, uncovered: routes.filter((r) => !seen.has(r) && !shownToPublic.has(r)) };
}
