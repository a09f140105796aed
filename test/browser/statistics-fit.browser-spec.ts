import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../html/demo-pages';
import { axeFindings, CHROMIUM, launchBrowser, runBrowser, SCREENSHOTS, serve } from '../support/browser';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

if (!runBrowser) {
  console.warn(`Browser tests skipped: ${CHROMIUM} not found (install chromium; in CI, with CI=true, this fails instead).`);
}
const suite = runBrowser ? describe : describe.skip;

interface Overflow {
  /** The page itself is wider than the window (a sideways scroll of the whole page). */
  pageOverflows: boolean;
  /** Elements reaching past the window's edge that no scroll container of theirs brings into view. */
  cutOff: string[];
  tables: Array<{ id: string; fits: boolean; scrolls: boolean; affordance: boolean; focusable: boolean; name: string | null }>;
}

/** What of the page's content is out of the window, measured in the browser (a script: these tests compile without the DOM's types). */
const MEASURE = `(() => {
  const width = document.documentElement.clientWidth;
  const scrollerOf = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (['auto', 'scroll'].includes(style.overflowX) && p.scrollWidth > p.clientWidth) return p;
    }
    return null;
  };
  const cutOff = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !scrollerOf(el)) {
      cutOff.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' (' + Math.round(r.left) + '-' + Math.round(r.right) + ' of ' + width + ')');
    }
  }
  const tables = Array.from(document.querySelectorAll('main table')).map((table) => {
    const wrap = table.closest('.table-wrap');
    const container = wrap || table.parentElement;
    const style = wrap ? getComputedStyle(wrap) : null;
    return {
      id: table.id,
      fits: table.getBoundingClientRect().width <= container.clientWidth + 1,
      scrolls: !!wrap && ['auto', 'scroll'].includes(style.overflowX) && wrap.scrollWidth > wrap.clientWidth,
      // the shadow at an edge with more to scroll to (.table-wrap in site.css)
      affordance: !!style && style.backgroundImage.includes('gradient'),
      focusable: !!wrap && wrap.getAttribute('tabindex') === '0',
      name: wrap ? wrap.getAttribute('aria-labelledby') : null,
    };
  });
  return { pageOverflows: document.documentElement.scrollWidth > width, cutOff, tables };
})()`;

async function overflowOf(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(MEASURE);
}

/** The statistics tables fit the page at 1280 px and on a 390 px phone: nothing is cut off, a wide table scrolls in its own box. */
suite('the statistics tables fit the window', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t);
    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    for (const locale of ['ru', 'kk', 'en'] as const) {
      it(`at ${viewport.width} px (${name}) in ${locale}: nothing cut off, every wide table scrolls in a labelled, focusable box with a visible edge`, async () => {
        const context = await browser.newContext({
          viewport,
          locale,
          javaScriptEnabled: true,
          isMobile: name === 'phone',
          hasTouch: name === 'phone',
        });
        try {
          const page = await context.newPage();
          await page.goto(`${base}/statistics?lang=${locale}`);
          const o = await overflowOf(page);
          await page.screenshot({ path: join(SCREENSHOTS, `statistics-${name}-${locale}.png`), fullPage: true });
          expect(o.pageOverflows).toBe(false);
          expect(o.cutOff).toEqual([]);
          expect(o.tables.length).toBe(4);
          for (const table of o.tables) {
            if (!table.fits) expect(table).toEqual(expect.objectContaining({ scrolls: true, affordance: true, focusable: true }));
          }
          if (name === 'desktop') expect(o.tables.filter((x) => !x.fits)).toEqual([]);
          if (name === 'phone') {
            // the wide table scrolls sideways in its box, and its last column comes into view
            await page.evaluate("document.querySelector('.table-wrap').scrollLeft = 100000");
            const last = page.locator('#stats-organizers thead th').last();
            const box = (await last.boundingBox())!;
            expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
            expect(box.x).toBeGreaterThanOrEqual(-1);
          }
          expect(await axeFindings(page)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
