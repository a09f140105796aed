import { texts } from '../common/i18n/catalogue';
import { interpolate, type Locale } from '../common/i18n/locale';
import type { RowError } from './plan-import.parser';

/** What is wrong with a row, in the reader's language, naming the column. */
export function rowErrorMessage(error: RowError, locale: Locale): string {
  const t = texts(locale).planImport;
  return interpolate(t.rowErrors[error.code], { column: error.column ? t.columns[error.column] : '' });
}
