import type { Catalogue } from './catalogue-shape';
import { en } from './en';
import { kk } from './kk';
import type { Locale, Localized } from './locale';
import { ru } from './ru';

export type { Catalogue } from './catalogue-shape';

const CATALOGUES: Record<Locale, Catalogue> = { kk, ru, en };

/**
 * Every text of the service (pages, e-mails, errors) in one language: one catalogue per language under
 * `src/common/i18n/{kk,ru,en}`, one file per section. Texts with parameters are functions, or strings
 * with {placeholders} filled by `interpolate`.
 */
export function texts(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}

/** A text picked from the catalogue once the reader's language is known, e.g. `(t) => t.plans.cursorInvalid`. */
export type CatalogueText = (t: Catalogue, locale: Locale) => string;

/** A catalogue text in all three languages, for values that carry every language (a calendar day's reason). */
export function inEveryLocale(text: CatalogueText): Localized {
  return { kk: text(kk, 'kk'), ru: text(ru, 'ru'), en: text(en, 'en') };
}

/** A text for a reader whose language is not known yet: plain, given in the three languages, or taken from the catalogue. */
export type LocalText = string | number | Localized | CatalogueText;

/** The text of a LocalText in one language. */
export function textIn(value: LocalText, locale: Locale): string {
  if (typeof value === 'function') return value(texts(locale), locale);
  if (typeof value === 'object' && value !== null) return value[locale];
  return String(value);
}
