import type { Catalogue } from '../common/i18n/catalogue';
import type { ProcurementMethod } from '../plans/plan.entity';

/** The columns of an annual plan the import reads; any other column of the export is ignored. */
export const IMPORT_COLUMNS = [
  'planPointNumber',
  'nameKk',
  'nameRu',
  'subjectCode',
  'method',
  'amount',
  'quarter',
  'year',
  'deliveryPlaceKk',
  'deliveryPlaceRu',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns without which no row can become a draft. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['planPointNumber', 'nameKk', 'nameRu', 'subjectCode', 'method', 'amount'];

/** What the import accepts: larger plans are imported in several files. */
export const IMPORT_LIMITS = {
  /** Bytes of the CSV (UTF-8). */
  maxBytes: 200 * 1024,
  /** Data rows (the header not counted). */
  maxRows: 1000,
  /** A plan-point number, like the portal's (e.g. 18793515-ОК1). */
  planPointMaxLength: 64,
  /** A name in one language: CreatePlanDto's title. */
  nameMaxLength: 500,
  /** CreatePlanDto's subjectCode. */
  subjectCodeMaxLength: 64,
  /** CreatePlanDto's deliveryPlace. */
  deliveryPlaceMaxLength: 500,
} as const;

/**
 * The JSON body of the API's two import routes: `{"csv": "..."}` with the CSV escaped. Escaping makes
 * a byte at most 6 bytes (a control character as \u001f, or any ASCII character a client chooses to
 * write as \u0041; a Cyrillic letter, 2 bytes, as \u0430 is 3 times), so 6 times the CSV's limit plus
 * 4 KiB for the rest of the object and whitespace carries any CSV within the limit, however encoded:
 * a CSV over it gets IMPORT_TOO_LARGE from the import, not a generic PAYLOAD_TOO_LARGE. (A body over
 * this bound is refused as IMPORT_TOO_LARGE too: plan-import.controller.ts.)
 */
export const IMPORT_JSON_BODY_LIMIT = 6 * IMPORT_LIMITS.maxBytes + 4 * 1024;

/**
 * Letters and digits only, lower case, ё as е, every run of anything else (spaces, brackets, №,
 * commas, dots) as one space: "№ пункта плана" and "пункта плана" compare equal, as do "Способ
 * закупки:" and "способ  закупки".
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Header names accepted for each column, in English, Russian and Kazakh (compared after normalizeName). */
export const COLUMN_NAMES: Record<ImportColumn, readonly string[]> = {
  planPointNumber: [
    'plan point number',
    'plan point',
    'plan item number',
    'номер пункта плана',
    '№ пункта плана',
    'пункт плана',
    'жоспар тармағының нөмірі',
    'жоспар тармағының №',
    'жоспар тармағы',
  ],
  nameKk: [
    'name kk',
    'name in kazakh',
    'наименование на казахском языке',
    'наименование каз',
    'наименование на государственном языке',
    'атауы қазақ тілінде',
    'атауы мемлекеттік тілде',
    'атауы қаз',
  ],
  nameRu: [
    'name ru',
    'name in russian',
    'наименование на русском языке',
    'наименование рус',
    'наименование',
    'атауы орыс тілінде',
    'атауы орыс',
  ],
  subjectCode: [
    'subject code',
    'product code',
    'ens tru code',
    'ktru code',
    'код енс тру',
    'код тру',
    'код ктру',
    'код предмета закупки',
    'тжқбн коды',
    'тжқ коды',
    'сатып алу нысанасының коды',
  ],
  method: ['method', 'procurement method', 'способ закупки', 'способ', 'сатып алу тәсілі', 'тәсілі', 'тәсіл'],
  amount: [
    'amount',
    'amount kzt',
    'planned amount',
    'сумма',
    'сумма тенге',
    'сумма в тенге',
    'планируемая сумма',
    'сумма выделенная для закупки',
    'сома',
    'сомасы',
    'сома теңге',
    'жоспарланған сома',
    'сатып алу үшін бөлінген сома',
  ],
  quarter: [
    'quarter',
    'planned quarter',
    'квартал',
    'планируемый квартал',
    'срок закупки квартал',
    'тоқсан',
    'жоспарланған тоқсан',
    'сатып алу мерзімі тоқсан',
  ],
  year: ['year', 'plan year', 'год', 'год плана', 'финансовый год', 'жыл', 'жоспар жылы', 'қаржы жылы'],
  deliveryPlaceKk: [
    'delivery place kk',
    'delivery place in kazakh',
    'место поставки на казахском языке',
    'место поставки каз',
    'жеткізу орны қазақ тілінде',
    'жеткізу орны қаз',
    'жеткізу орны',
  ],
  deliveryPlaceRu: [
    'delivery place ru',
    'delivery place in russian',
    'место поставки на русском языке',
    'место поставки рус',
    'место поставки',
    'жеткізу орны орыс тілінде',
    'жеткізу орны орыс',
  ],
};

/**
 * Method names as the API writes them and as the portal's exports do, in Russian and Kazakh (compared
 * after normalizeName, so case and punctuation do not matter).
 */
export const METHOD_NAMES: Record<ProcurementMethod, readonly string[]> = {
  open_tender: ['open_tender', 'open tender', 'открытый конкурс', 'конкурс', 'ашық конкурс'],
  auction: ['auction', 'аукцион', 'открытый аукцион', 'ашық аукцион'],
  price_offers: [
    'price_offers',
    'price offers',
    'request for price offers',
    'запрос ценовых предложений',
    'способом запроса ценовых предложений',
    'баға ұсыныстарын сұрату',
    'баға ұсыныстарын сұрату тәсілі',
    'баға ұсыныстарын сұрату тәсілімен',
  ],
  single_source: [
    'single_source',
    'single source',
    'из одного источника',
    'способом из одного источника',
    'из одного источника путем прямого заключения договора',
    'бір көзден',
    'бір көзден алу',
    'бір көзден алу тәсілімен',
    'тікелей шарт жасасу арқылы бір көзден алу',
  ],
  commodity_exchange: [
    'commodity_exchange',
    'commodity exchange',
    'через товарную биржу',
    'через товарные биржи',
    'товарная биржа',
    'тауар биржасы арқылы',
    'тауар биржалары арқылы',
    'тауар биржасы',
  ],
  e_shop: [
    'e_shop',
    'e shop',
    'electronic shop',
    'через электронный магазин',
    'электронный магазин',
    'электрондық дүкен арқылы',
    'электрондық дүкен',
  ],
};

const COLUMN_BY_NAME = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => COLUMN_NAMES[column].map((name) => [normalizeName(name), column] as const)),
);

const METHOD_BY_NAME = new Map<string, ProcurementMethod>(
  (Object.keys(METHOD_NAMES) as ProcurementMethod[]).flatMap((method) =>
    METHOD_NAMES[method].map((name) => [normalizeName(name), method] as const),
  ),
);

/** The column a header cell names, or null for a column the import does not read. */
export function columnNamed(header: string): ImportColumn | null {
  return COLUMN_BY_NAME.get(normalizeName(header)) ?? null;
}

/** The method a cell names, or null. */
export function methodNamed(cell: string): ProcurementMethod | null {
  return METHOD_BY_NAME.get(normalizeName(cell)) ?? null;
}

/** The names of columns (IMPORT_COLUMNS_MISSING) in the reader's language, for an AppError's param. */
export function columnNames(columns: readonly string[]): (t: Catalogue) => string {
  return (t) => columns.map((c) => t.planImport.columns[c] ?? c).join(', ');
}
