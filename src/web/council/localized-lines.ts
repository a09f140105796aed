import type { Locale } from '../../common/i18n/locale';
import { LOCALES } from '../../common/i18n/locale';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { Values } from '../forms/form';
import { lines, text } from '../forms/form';

/**
 * A one-per-line list typed in kk, ru and en textareas (`<base>_kk`, ...): line i of each language is
 * item i. `uneven` when two filled languages have different numbers of lines (the form says so rather
 * than pairing the wrong lines).
 */
export function localizedLines(body: unknown, base: string): { items: Partial<Record<Locale, string>>[]; uneven: boolean } {
  const filled = LOCALES.map((lang) => [lang, lines(text(body, `${base}_${lang}`))] as const).filter(([, list]) => list.length > 0);
  const uneven = new Set(filled.map(([, list]) => list.length)).size > 1;
  const count = Math.max(0, ...filled.map(([, list]) => list.length));
  const items = Array.from({ length: count }, (_, i) =>
    Object.fromEntries(filled.filter(([, list]) => list[i] !== undefined).map(([lang, list]) => [lang, list[i]])),
  );
  return { items, uneven };
}

/** The form values of a stored list: each language's versions one per line. */
export function localizedLinesValues(base: string, list: readonly LocalizedText[]): Values {
  const values: Values = {};
  for (const lang of LOCALES) {
    const versions = list.map((item) => item.get(lang) ?? '');
    values[`${base}_${lang}`] = versions.some((v) => v !== '') ? versions.join('\n') : '';
  }
  return values;
}
