import type { Locale } from '../../common/i18n/locale';
import { LOCALES } from '../../common/i18n/locale';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { Values } from '../forms/form';
import { text } from '../forms/form';

/** The lines of a textarea, trimmed, blank ones kept (they hold an item's place), without the blank lines at the end. */
function placedLines(value: string): string[] {
  const list = value.split(/\r?\n/).map((line) => line.trim());
  while (list.length > 0 && list[list.length - 1] === '') list.pop();
  return list;
}

/**
 * A one-per-line list typed in kk, ru and en textareas (`<base>_kk`, ...): line i of each language is
 * item i, a blank line leaving item i without that language. Rows blank in every language are dropped
 * (localizedLinePlaces keeps them as null, so that a translation still maps by index). `uneven` when two filled
 * languages have different numbers of lines (a new list is refused then rather than pairing wrong lines;
 * a translation may leave the last items untranslated).
 */
export function localizedLinePlaces(body: unknown, base: string): { items: (Partial<Record<Locale, string>> | null)[]; uneven: boolean } {
  const filled = LOCALES.map((lang) => [lang, placedLines(text(body, `${base}_${lang}`))] as const).filter(([, list]) => list.length > 0);
  const uneven = new Set(filled.map(([, list]) => list.length)).size > 1;
  const count = Math.max(0, ...filled.map(([, list]) => list.length));
  const rows = Array.from({ length: count }, (_, i) => {
    const versions = filled.filter(([, list]) => list[i]).map(([lang, list]) => [lang, list[i]] as const);
    return versions.length ? Object.fromEntries(versions) : null;
  });
  return { items: rows, uneven };
}

/** A new list (see localizedLinePlaces): rows blank in every language dropped. */
export function localizedLines(body: unknown, base: string): { items: Partial<Record<Locale, string>>[]; uneven: boolean } {
  const { items, uneven } = localizedLinePlaces(body, base);
  return { items: items.filter((row): row is Partial<Record<Locale, string>> => row !== null), uneven };
}

/** The form values of a stored list: each language's versions one per line (a blank line where an item lacks it). */
export function localizedLinesValues(base: string, list: readonly LocalizedText[]): Values {
  const values: Values = {};
  for (const lang of LOCALES) {
    const versions = list.map((item) => item.get(lang) ?? '');
    values[`${base}_${lang}`] = versions.some((v) => v !== '') ? versions.join('\n') : '';
  }
  return values;
}
