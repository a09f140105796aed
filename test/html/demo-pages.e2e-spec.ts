import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '../../src/common/i18n/locale';
import { Plan } from '../../src/plans/plan.entity';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { DemoPage } from './demo-pages';
import { publicDemoPages, seedDemo, signedInDemoPages } from './demo-pages';
import { javaAvailable, vnuErrors } from './vnu';

const inCi = process.env.CI === 'true' || process.env.CI === '1';
const haveJava = javaAvailable();
if (!haveJava && !inCi) {
  console.warn('SKIPPED: the W3C HTML check in test/html/demo-pages.e2e-spec.ts needs `java` (apt-get install default-jre-headless)');
}
const SLOW = 600_000;

/**
 * Page routes that no demo viewer sees as a page (200), with the reason; any other route not seen
 * fails the test, so that a new page is checked too.
 */
const NOT_SHOWN_IN_DEMO: Record<string, string> = {};

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function metaDescription(page: string): string | null {
  const match = /<meta name="description" content="([^"]*)">/.exec(page);
  return match ? decode(match[1]) : null;
}

/** The text a reader sees outside <time> elements (and outside select options, which cannot hold one). */
function textOutsideTimes(page: string): string {
  const body = page.slice(page.indexOf('<body'));
  return decode(
    body
      .replace(/<time datetime="[^"]+">[^<]*<\/time>/g, ' ')
      .replace(/<option[^>]*>[^<]*<\/option>/g, ' ')
      .replace(/<textarea[^>]*>[\s\S]*?<\/textarea>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  );
}

/** A written-out date in each language, as Intl writes it (src/web/format.ts). */
const DATE_IN_TEXT = {
  en: /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
  ru: /\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}/,
  kk: /\d{4} ж\. \d{1,2} (қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)/,
} as const;

/**
 * The demo's pages, public (in kk, ru and en) and those of each role (citizen, organizer, council
 * member, chair, moderator, admin): valid HTML for the W3C Nu checker, every shown date in a
 * <time datetime>, and a description of its own on every public page in the page's language.
 */
describe('the demo’s pages (HTML checks)', () => {
  let t: TestApp;
  let publicPages: DemoPage[];
  let pages: DemoPage[];
  let uncovered: string[];

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t);
    publicPages = await publicDemoPages(t);
    const signedIn = await signedInDemoPages(t);
    uncovered = signedIn.uncovered;
    pages = [...publicPages, ...signedIn.pages];
  }, SLOW);

  afterAll(async () => {
    await t?.close();
  });

  it('sees every page route of the application, for at least one viewer', () => {
    expect(uncovered.filter((r) => !(r in NOT_SHOWN_IN_DEMO))).toEqual([]);
    expect(pages.length).toBeGreaterThan(100);
    const expected = (url: string) => (url.includes('0000-4000') ? 404 : url.startsWith('/verify-email') ? 400 : 200);
    for (const page of publicPages) expect([page.url, page.status]).toEqual([page.url, expected(page.url)]);
  });

  it('shows every date and time in a <time datetime> (and never as escaped markup)', () => {
    const found: string[] = [];
    for (const page of pages) {
      expect(page.html).not.toContain('&lt;time');
      const match = DATE_IN_TEXT[page.locale].exec(textOutsideTimes(page.html));
      if (match) found.push(`${page.route} ${page.url} [${page.locale}]: “${match[0]}” outside <time>`);
      for (const [, datetime] of page.html.matchAll(/<time datetime="([^"]*)">/g)) {
        expect(datetime).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2}))?$/);
      }
    }
    expect(found).toEqual([]);
  });

  it('gives every public page a description of its own, in the page’s language', async () => {
    for (const page of publicPages) expect([page.url, metaDescription(page.html)?.trim()]).toEqual([page.url, expect.any(String)]);
    const described = publicPages.filter((p) => p.status !== 404);
    for (const locale of LOCALES) {
      const byKind = new Map<string, string>();
      for (const page of described.filter((p) => p.locale === locale)) {
        const kind = page.route.replace(/ \(.*\)$/, '');
        const description = metaDescription(page.html)!;
        expect(description.length).toBeGreaterThan(20);
        if (kind !== 'public GET /plans/:id') byKind.set(kind, description);
      }
      // home, statistics, sign-in, registration, password pages: each its own
      expect(new Set(byKind.values()).size).toBe(byKind.size);
    }
    // the same page says it in each language; a plan page names the plan
    for (const url of new Set(described.map((p) => p.url))) {
      const inEach = described.filter((p) => p.url === url).map((p) => metaDescription(p.html));
      expect(new Set(inEach).size).toBe(LOCALES.length);
    }
    const plans = await t.db.getRepository(Plan).find();
    for (const plan of plans.filter((p) => p.publishedAt !== null)) {
      for (const locale of ['kk', 'ru'] as const) {
        const page = described.find((p) => p.url === `/plans/${plan.id}` && p.locale === locale)!;
        expect(metaDescription(page.html)).toContain(`«${plan.title.get(locale)}»`);
      }
    }
  });

  (haveJava || inCi ? it : it.skip)(
    'has zero W3C Nu HTML Checker errors',
    async () => {
      if (!haveJava) throw new Error('`java` is missing: CI must install a Java runtime (apt-get install default-jre-headless) for vnu');
      const dir = mkdtempSync(join(tmpdir(), 'vnu-pages-'));
      try {
        const byFile = new Map<string, DemoPage>();
        pages.forEach((page, i) => {
          const file = join(dir, `page-${i}.html`);
          writeFileSync(file, page.html);
          byFile.set(file, page);
        });
        const errors = await vnuErrors([...byFile.keys()]);
        const report = errors.map((e) => {
          const page = e.url ? byFile.get(fileURLToPath(e.url)) : undefined;
          const where = page ? `${page.route} ${page.url} [${page.locale}, ${page.who}]` : e.url;
          return `${where} line ${e.lastLine ?? '?'}: ${e.message}${e.extract ? ` — ${e.extract.trim()}` : ''}`;
        });
        if (report.length) console.error(`vnu: ${report.length} errors in ${pages.length} pages\n${report.join('\n')}`);
        expect(report).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
