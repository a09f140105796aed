import { texts } from '../common/i18n/catalogue';
import type { Locale } from '../common/i18n/locale';

/**
 * The plan's report as CSV, separated as the reader's spreadsheet program expects: Excel splits a CSV
 * file on its locale's list separator, a semicolon where the decimal mark is a comma, as in Russian and
 * Kazakh (each catalogue's `pages.common.csvSeparator`).
 */
export function reportCsvHref(planId: string, locale: Locale): string {
  const separator = texts(locale).pages.common.csvSeparator;
  const base = `/api/v1/plans/${encodeURIComponent(planId)}/report?format=csv`;
  return separator === 'comma' ? base : `${base}&separator=${separator}`;
}
