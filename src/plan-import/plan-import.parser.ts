import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../common/errors/app-error';
import { LocalizedText } from '../common/i18n/localized-text';
import type { ProcurementMethod } from '../plans/plan.entity';
import type { ImportColumn } from './plan-import.columns';
import { columnNamed, columnNames, IMPORT_COLUMNS, IMPORT_LIMITS, methodNamed, REQUIRED_COLUMNS } from './plan-import.columns';

/** Why a row cannot become a draft; stable codes, worded in the catalogues (planImport.rowErrors). */
export const ROW_ERROR_CODES = [
  'COLUMN_COUNT',
  'REQUIRED',
  'TOO_LONG',
  'PLAN_POINT_REPEATED',
  'METHOD_UNKNOWN',
  'AMOUNT_INVALID',
  'AMOUNT_FRACTION',
  'QUARTER_INVALID',
  'QUARTER_NEEDS_YEAR',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export interface RowError {
  /** The column in error; null for a problem of the whole row (COLUMN_COUNT). */
  column: ImportColumn | null;
  code: RowErrorCode;
}

/** A plan item as the import creates it (a draft). */
export interface ImportedDraft {
  planPointNumber: string;
  title: LocalizedText;
  subjectCode: string;
  amount: number;
  method: ProcurementMethod;
  plannedQuarter: string | null;
  deliveryPlace: LocalizedText | null;
}

export interface ParsedRow {
  /** The row of the spreadsheet: the header is row 1. */
  row: number;
  /** The cells of the columns the import reads, trimmed ('' when empty or when the column is absent). */
  values: Record<ImportColumn, string>;
  errors: RowError[];
  /** Null when the row has errors. */
  draft: ImportedDraft | null;
}

/** The CSV as text: UTF-8, with or without BOM. A file in another encoding (Excel's cp1251) is IMPORT_NOT_UTF8. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw importTooLarge();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('IMPORT_NOT_UTF8');
  }
}

/** IMPORT_TOO_LARGE (413) with the limit. */
export function importTooLarge(): AppError {
  return new AppError('IMPORT_TOO_LARGE', { max: String(IMPORT_LIMITS.maxBytes / 1024) }, undefined, { maxBytes: IMPORT_LIMITS.maxBytes });
}

/**
 * `;` when the header line has more semicolons than commas (Excel in a Russian or Kazakh locale),
 * `,` otherwise. The header line decides: a comma inside a name of a `;` file changes nothing.
 */
export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads an annual plan: the header row names the columns (in any of kk, ru, en; unknown columns are
 * ignored), each later non-empty row is one plan item, checked column by column. Problems of the
 * whole file (size, encoding, quoting, columns, row count) are refused with an AppError; problems
 * of a row are its `errors`, so the other rows can still be imported.
 */
export function parseAnnualPlan(csv: string): ParsedRow[] {
  if (Buffer.byteLength(csv, 'utf8') > IMPORT_LIMITS.maxBytes) throw importTooLarge();
  const text = csv.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) {
      const lines: unknown = (error as { lines?: unknown }).lines;
      const line = typeof lines === 'number' ? lines : 1;
      throw new AppError('IMPORT_NOT_CSV', { line: String(line) }, undefined, { line });
    }
    throw error;
  }
  const dataRecords = records.slice(1).map((cells, index) => ({ cells, row: index + 2 }));
  const rows = dataRecords.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  if (records.length === 0 || rows.length === 0) throw new AppError('IMPORT_NO_ROWS');
  const positions = headerPositions(records[0]);
  if (rows.length > IMPORT_LIMITS.maxRows)
    throw new AppError('IMPORT_TOO_MANY_ROWS', { max: String(IMPORT_LIMITS.maxRows) }, undefined, { maxRows: IMPORT_LIMITS.maxRows });
  const seen = new Set<string>();
  return rows.map(({ cells, row }) => {
    const parsed = parseRow(cells, row, positions, records[0].length, positions.has('year'));
    const point = parsed.values.planPointNumber;
    if (point && seen.has(point)) {
      parsed.errors.push({ column: 'planPointNumber', code: 'PLAN_POINT_REPEATED' });
      parsed.draft = null;
    }
    if (point) seen.add(point);
    return parsed;
  });
}

/** Where each known column is; refuses a header without a required column or naming one twice. */
function headerPositions(header: string[]): Map<ImportColumn, number> {
  const positions = new Map<ImportColumn, number>();
  header.forEach((name, index) => {
    const column = columnNamed(name);
    if (!column) return;
    if (positions.has(column)) throw new AppError('IMPORT_COLUMN_REPEATED', { column: name.trim() }, undefined, { column });
    positions.set(column, index);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) throw new AppError('IMPORT_COLUMNS_MISSING', { missing: columnNames(missing) }, undefined, { missing });
  return positions;
}

function parseRow(cells: string[], row: number, positions: Map<ImportColumn, number>, width: number, hasYear: boolean): ParsedRow {
  const values = {} as Record<ImportColumn, string>;
  for (const column of IMPORT_COLUMNS) {
    const at = positions.get(column);
    values[column] = at === undefined ? '' : (cells[at] ?? '').replace(/\r\n?/g, '\n').trim();
  }
  const errors: RowError[] = [];
  if (cells.length !== width) errors.push({ column: null, code: 'COLUMN_COUNT' });
  const fail = (column: ImportColumn, code: RowErrorCode) => errors.push({ column, code });
  const text = (column: ImportColumn, max: number, required: boolean) => {
    const value = values[column];
    if (!value) return required ? (fail(column, 'REQUIRED'), null) : null;
    return value.length > max ? (fail(column, 'TOO_LONG'), null) : value;
  };
  const planPointNumber = text('planPointNumber', IMPORT_LIMITS.planPointMaxLength, true);
  const nameKk = text('nameKk', IMPORT_LIMITS.nameMaxLength, true);
  const nameRu = text('nameRu', IMPORT_LIMITS.nameMaxLength, true);
  const subjectCode = text('subjectCode', IMPORT_LIMITS.subjectCodeMaxLength, true);
  const method = values.method ? methodNamed(values.method) : null;
  if (!values.method) fail('method', 'REQUIRED');
  else if (!method) fail('method', 'METHOD_UNKNOWN');
  const amount = parseAmount(values.amount);
  if (typeof amount === 'string') fail('amount', amount);
  const quarter = parseQuarter(values.quarter, values.year, hasYear);
  if (quarter.error) fail(quarter.column, quarter.error);
  const deliveryKk = text('deliveryPlaceKk', IMPORT_LIMITS.deliveryPlaceMaxLength, false);
  const deliveryRu = text('deliveryPlaceRu', IMPORT_LIMITS.deliveryPlaceMaxLength, false);
  const draft: ImportedDraft | null =
    errors.length === 0
      ? {
          planPointNumber: planPointNumber!,
          title: LocalizedText.of({ kk: nameKk, ru: nameRu })!,
          subjectCode: subjectCode!,
          amount: amount as number,
          method: method!,
          plannedQuarter: quarter.value,
          deliveryPlace: LocalizedText.of({ kk: deliveryKk, ru: deliveryRu }),
        }
      : null;
  return { row, values, errors, draft };
}

/** Separators of thousands that spreadsheets write: space, no-break space, narrow and thin spaces. */
const THOUSANDS = /[ \u00a0\u202f\u2009]/g;

/**
 * Whole tenge: digits, optionally grouped by spaces ("12 500 000"); a zero fraction (",00" or ".00",
 * as Excel writes money) is accepted, any other fraction is AMOUNT_FRACTION: the plan's amounts are
 * whole tenge and the import does not round them.
 */
export function parseAmount(cell: string): number | 'REQUIRED' | 'AMOUNT_INVALID' | 'AMOUNT_FRACTION' {
  if (!cell) return 'REQUIRED';
  const match = /^(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/.exec(cell);
  if (!match) return 'AMOUNT_INVALID';
  if (match[2] && /[1-9]/.test(match[2])) return 'AMOUNT_FRACTION';
  const digits = match[1].replace(THOUSANDS, '');
  const amount = Number(digits);
  return digits.length > 16 || !Number.isSafeInteger(amount) ? 'AMOUNT_INVALID' : amount;
}

/**
 * The planned quarter as the API writes it (2027-Q2). The cell may hold "2027-Q2" (also "2027 Q2",
 * "2027-q2"), or the quarter alone ("2", "Q2", "II") with the year in the year column. Empty: no quarter.
 */
export function parseQuarter(
  quarter: string,
  year: string,
  hasYearColumn: boolean,
): { value: string | null; error?: 'QUARTER_INVALID' | 'QUARTER_NEEDS_YEAR'; column: ImportColumn } {
  if (!quarter) return { value: null, column: 'quarter' };
  const full = /^(\d{4})\s*[-‐–—/ ]?\s*[QqКкKk]\s*([1-4])$/.exec(quarter);
  if (full) return { value: `${full[1]}-Q${full[2]}`, column: 'quarter' };
  const alone = /^(?:[QqКкKk]\s*)?([1-4])$/.exec(quarter) ?? romanQuarter(quarter);
  if (!alone) return { value: null, error: 'QUARTER_INVALID', column: 'quarter' };
  if (!hasYearColumn || !year) return { value: null, error: 'QUARTER_NEEDS_YEAR', column: 'quarter' };
  if (!/^\d{4}$/.test(year)) return { value: null, error: 'QUARTER_INVALID', column: 'year' };
  return { value: `${year}-Q${alone[1]}`, column: 'quarter' };
}

function romanQuarter(cell: string): [string, string] | null {
  const index = ['I', 'II', 'III', 'IV'].indexOf(cell.toUpperCase());
  return index < 0 ? null : [cell, String(index + 1)];
}
