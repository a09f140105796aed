export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A text in the three languages of the service. */
export type Localized = Record<Locale, string>;

/**
 * Picks the best of kk/ru/en from an Accept-Language header ("kk-KZ,ru;q=0.8").
 * Returns null when the header names none of them.
 */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale | null {
  if (!header) return null;
  // every request names its language, and browsers send a handful of distinct headers
  const known = chosenLocales.get(header);
  if (known !== undefined) return known;
  const chosen = rankedLocale(header);
  if (header.length <= 200) {
    if (chosenLocales.size >= 1000) chosenLocales.clear();
    chosenLocales.set(header, chosen);
  }
  return chosen;
}

const chosenLocales = new Map<string, Locale | null>();

function rankedLocale(header: string): Locale | null {
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of ranked) {
    if (isLocale(entry.lang)) return entry.lang;
  }
  return null;
}

/** Fills {name} placeholders with text (a page fills markup, e.g. a <time>, with htmlMessage of src/web/html.ts). */
export function interpolate(template: string, params: Record<string, string | number | boolean | null | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
