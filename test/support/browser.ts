import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { TestApp } from './test-app';

/** Debian's Chromium; browser tests are skipped where it is missing, except in CI (CI=true) where they fail. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
export const runBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';

/** Makes the test app listen on a free loopback port; returns its base URL for the browser. */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page of a new context: JavaScript off by default, as the pages must work without it. */
export async function newPage(
  browser: Browser,
  locale = 'en-US',
  javaScriptEnabled = false,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, javaScriptEnabled });
  return { context, page: await context.newPage() };
}

/**
 * The serious and critical axe findings (WCAG 2.1 A/AA and best practice) of `url`, seen with the
 * cookies of `from`; axe needs script, so it runs in a JavaScript-enabled copy of the session.
 * Lesser findings are logged, not failed.
 */
export async function seriousViolations(browser: Browser, from: BrowserContext, url: string, locale = 'en-US'): Promise<string[]> {
  return (await startAxe(browser, from, url, locale)).findings;
}

/**
 * Like seriousViolations, but resolves once the copy has loaded `url`: the page is then fixed (no
 * script changes it), so the caller may go on while axe analyses it and await `findings` later.
 */
export async function startAxe(
  browser: Browser,
  from: BrowserContext,
  url: string,
  locale = 'en-US',
): Promise<{ findings: Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, storageState: await from.storageState() });
  const page = await context.newPage();
  await page.goto(url);
  const findings = axeFindings(page).finally(() => context.close());
  findings.catch(() => undefined); // awaited by the caller; no unhandled rejection meanwhile
  return { findings };
}

/** The serious and critical axe findings of a loaded page (which must allow script); lesser ones are logged. */
export async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const minor = result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');

  if (minor.length) console.info(`axe (not failing) on ${page.url()}: ${minor.map((v) => `${v.id}/${v.impact}`).join(', ')}`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The labels of a published text's fields (issue 15) in each interface language: Kazakh and Russian side by side, English folded. */
export const TEXT_LANGUAGE_LABELS = {
  en: { kk: 'In Kazakh', ru: 'In Russian', en: 'In English (optional)' },
  ru: { kk: 'На казахском', ru: 'На русском', en: 'На английском (необязательно)' },
  kk: { kk: 'Қазақша', ru: 'Орысша', en: 'Ағылшынша (міндетті емес)' },
} as const;

/**
 * The field of a published text in one language, as a user finds it: the group its legend names
 * (`legend`, exact), then the input labelled with the language in the interface language `ui`.
 */
export function textField(scope: Page | Locator, legend: string, ui: 'en' | 'ru' | 'kk', lang: 'kk' | 'ru' | 'en'): Locator {
  return scope.getByRole('group', { name: legend, exact: true }).getByLabel(TEXT_LANGUAGE_LABELS[ui][lang], { exact: true });
}

/** Types a published text's versions into its group (English opens its folded part first). */
export async function fillText(
  scope: Page | Locator,
  legend: string,
  ui: 'en' | 'ru' | 'kk',
  versions: Partial<Record<'kk' | 'ru' | 'en', string>>,
): Promise<void> {
  const group = scope.getByRole('group', { name: legend, exact: true });
  for (const lang of ['kk', 'ru', 'en'] as const) {
    const value = versions[lang];
    if (value === undefined) continue;
    if (lang === 'en') {
      const details = group.locator('details.lang-optional');
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    }
    await group.getByLabel(TEXT_LANGUAGE_LABELS[ui][lang], { exact: true }).fill(value);
  }
}
