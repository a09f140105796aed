import { LocalizedText } from '../common/i18n/localized-text';

/**
 * Raw SQL rows read a jsonb text `{kk, ru, en}` as a plain object: turn the named columns into
 * LocalizedText (null stays null), in place, so pages and API views can pick the reader's version.
 */
export function localizedRows<R extends object>(rows: R[], columns: readonly (keyof R)[]): R[] {
  for (const row of rows) {
    const record = row as Record<keyof R, unknown>;
    for (const column of columns) record[column] = LocalizedText.fromStored(record[column]);
  }
  return rows;
}
