import type { Catalogue } from './catalogue-shape';
import { en } from './en';
import { kk } from './kk';
import type { Locale } from './locale';
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
