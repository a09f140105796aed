import type { Locale } from '../common/i18n/locale';
import type { CsvSeparatorName } from '../outcomes/csv';

/**
 * Excel splits a CSV file on its locale's list separator: a semicolon where the decimal mark is a
 * comma, as in Russian and Kazakh. A reader of the pages in those languages gets that file.
 */
const SPREADSHEET_SEPARATOR: Record<Locale, CsvSeparatorName> = { kk: 'semicolon', ru: 'semicolon', en: 'comma' };

/** The plan's report as CSV, separated as the reader's spreadsheet program expects. */
export function reportCsvHref(planId: string, locale: Locale): string {
  const separator = SPREADSHEET_SEPARATOR[locale];
  const base = `/api/v1/plans/${encodeURIComponent(planId)}/report?format=csv`;
  return separator === 'comma' ? base : `${base}&separator=${separator}`;
}
