import type { Catalogue } from './catalogue-shape';
import { texts } from './catalogue';
import type { Localized } from './locale';

/** One catalogue text in every language, for what carries all three (error params, field errors). */
export function everyLocale(pick: (t: Catalogue) => string): Localized {
  return { en: pick(texts('en')), ru: pick(texts('ru')), kk: pick(texts('kk')) };
}
