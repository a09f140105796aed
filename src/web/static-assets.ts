import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The site's icon (assets/icon.svg, linked from every page's head) and the /favicon.ico that browsers and checkers ask for. */
export const ICON_SVG = readFileSync(join(__dirname, 'assets', 'icon.svg'));
export const ICON_SVG_VERSION = createHash('sha256').update(ICON_SVG).digest('hex').slice(0, 12);
export const FAVICON_ICO = readFileSync(join(__dirname, 'assets', 'favicon.ico'));
const FAVICON_VERSION = createHash('sha256').update(FAVICON_ICO).digest('hex').slice(0, 12);

/** The sample of an annual plan the import page links (a CSV in UTF-8 with BOM, as Excel saves it). */
export const ANNUAL_PLAN_SAMPLE = readFileSync(join(__dirname, 'assets', 'annual-plan-sample.csv'));
export const ANNUAL_PLAN_SAMPLE_PATH = '/assets/annual-plan-sample.csv';
export const ANNUAL_PLAN_SAMPLE_ETAG = `"${createHash('sha256').update(ANNUAL_PLAN_SAMPLE).digest('hex').slice(0, 12)}"`;

/** A year, never revalidated: the URL carries the content's hash (`?v=`). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** An asset asked for without its version (old pages, /favicon.ico): kept a day. */
export const DAILY = 'public, max-age=86400';

/** Cache-Control and ETag of a static asset: immutable when asked for by its current version. */
export function assetCaching(version: string, asked: unknown): { cacheControl: string; etag: string } {
  return { cacheControl: asked === version ? IMMUTABLE : DAILY, etag: `"${version}"` };
}

export const FAVICON_ETAG = `"${FAVICON_VERSION}"`;
