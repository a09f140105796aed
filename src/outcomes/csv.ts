import { validationError } from '../common/errors/validation';

export type CsvValue = string | number | boolean | Date | null | undefined;

/**
 * = + - @ start a formula in spreadsheet programs (CSV injection) where a cell begins with them.
 * Where a cell can begin once a spreadsheet has split the text: the start of the field, after a
 * comma or a semicolon (ru and kk locales split on `;`, and then do not see this file's quotes), or
 * after a line break; blanks and quote marks before the first character do not protect it. An
 * apostrophe goes before every formula character found there.
 */
const CELL_STARTS = /(^|[,;\r\n])([\s"]*)(?=[=+\-@])/g;

/** Fields that must be quoted: separators of either kind, quotes, line breaks, tabs, leading or trailing blanks. */
const NEEDS_QUOTES = /[",;\r\n\t]|^\s|\s$/;

/**
 * Formula guard: an apostrophe before every formula character at a place where a cell can begin
 * (see CELL_STARTS), and before a leading tab or CR, which some programs drop before evaluating.
 */
export function guardFormulas(text: string): string {
  const guarded = text.replace(CELL_STARTS, "$1$2'");
  return /^[\t\r]/.test(guarded) ? `'${guarded}` : guarded;
}

/**
 * One CSV field per RFC 4180, formula-guarded (guardFormulas), and quoted when it holds a comma,
 * semicolon, quote, CR, LF or tab or begins or ends with a blank; quotes doubled.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = guardFormulas(value instanceof Date ? value.toISOString() : String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The field separator: a comma (RFC 4180), or a semicolon, which Excel expects where the decimal mark
 * is a comma (Russian and Kazakh among them) and otherwise shows each row in one cell. Fields are
 * quoted when they hold either, so both read back the same.
 */
export type CsvSeparator = ',' | ';';

/** The separators by the names the API takes (`?separator=`). */
export const CSV_SEPARATORS = { comma: ',', semicolon: ';' } as const satisfies Record<string, CsvSeparator>;
export type CsvSeparatorName = keyof typeof CSV_SEPARATORS;

/** What `?separator=` does, for the API's documentation. */
export const CSV_SEPARATOR_DESCRIPTION =
  'comma (RFC 4180, the default) or semicolon, which Excel expects where the decimal mark is a comma ' +
  '(Russian and Kazakh among them; with commas it shows each row in one cell)';

/** `?separator=` of a CSV answer: comma when absent; 400 VALIDATION_FAILED on `separator` for another name. */
export function csvSeparatorNamed(name: string | undefined): CsvSeparator {
  if (name === undefined) return ',';
  if (Object.hasOwn(CSV_SEPARATORS, name)) return CSV_SEPARATORS[name as CsvSeparatorName];
  throw validationError([{ field: 'separator', constraint: 'isIn', message: (t) => t.errors.fields.constraints.isIn }]);
}

export function csvRow(values: readonly CsvValue[], separator: CsvSeparator = ','): string {
  return values.map(csvField).join(separator) + '\r\n';
}

/** Byte order mark: Excel then reads the file as UTF-8 (Cyrillic and Kazakh letters). */
export const CSV_BOM = '\uFEFF';
