import { AppError } from '../common/errors/app-error';
import { COLUMN_NAMES, IMPORT_COLUMNS, IMPORT_LIMITS, METHOD_NAMES, columnNamed, methodNamed, normalizeName } from './plan-import.columns';
import { decodeCsv, detectDelimiter, parseAmount, parseAnnualPlan, parseQuarter } from './plan-import.parser';

const RU_HEADER =
  'Номер пункта плана;Наименование на казахском языке;Наименование на русском языке;Код ЕНС ТРУ;Способ закупки;Сумма;Квартал;Место поставки';
const row = (cells: Partial<Record<string, string>> = {}) =>
  [
    cells.point ?? '1-1',
    cells.kk ?? 'Кеңсе қағазы',
    cells.ru ?? 'Бумага офисная',
    cells.code ?? '171812.900.000001',
    cells.method ?? 'Аукцион',
    cells.amount ?? '1 500 000',
    cells.quarter ?? '2027-Q2',
    cells.place ?? 'г. Астана, ул. Бейбітшілік, 10',
  ].join(';');

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('column names', () => {
  it('maps every accepted header name to exactly one column', () => {
    const seen = new Map<string, string>();
    for (const column of IMPORT_COLUMNS)
      for (const name of COLUMN_NAMES[column]) {
        const key = normalizeName(name);
        expect([key, seen.get(key) ?? column]).toEqual([key, column]);
        seen.set(key, column);
      }
  });

  it('ignores case, ё, brackets, № and punctuation', () => {
    expect(columnNamed('№ ПУНКТА ПЛАНА')).toBe('planPointNumber');
    expect(columnNamed(' Наименование (каз) ')).toBe('nameKk');
    expect(columnNamed('Жоспар тармағының нөмірі')).toBe('planPointNumber');
    expect(columnNamed('Plan point number')).toBe('planPointNumber');
    expect(columnNamed('Способ закупки:')).toBe('method');
    expect(columnNamed('Примечание')).toBeNull();
  });

  it('maps every method name and code to one method, case-insensitively', () => {
    for (const [method, names] of Object.entries(METHOD_NAMES))
      for (const name of names) expect(methodNamed(name.toUpperCase())).toBe(method);
    expect(methodNamed('open_tender')).toBe('open_tender');
    expect(methodNamed('Запрос ценовых предложений')).toBe('price_offers');
    expect(methodNamed('Бір көзден алу')).toBe('single_source');
    expect(methodNamed('Электрондық дүкен арқылы')).toBe('e_shop');
    expect(methodNamed('тендер')).toBeNull();
  });
});

describe('parseAnnualPlan', () => {
  it('reads a ru-locale Excel export (semicolons, BOM, CRLF, grouped amount, a comma inside a value)', () => {
    const rows = parseAnnualPlan(`\uFEFF${RU_HEADER}\r\n${row()}\r\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).toBe(2);
    expect(rows[0].errors).toEqual([]);
    const d = rows[0].draft!;
    expect(d.planPointNumber).toBe('1-1');
    expect(d.title.toJSON()).toEqual({ kk: 'Кеңсе қағазы', ru: 'Бумага офисная', en: null });
    expect(d.subjectCode).toBe('171812.900.000001');
    expect(d.method).toBe('auction');
    expect(d.amount).toBe(1_500_000);
    expect(d.plannedQuarter).toBe('2027-Q2');
    expect(d.deliveryPlace!.toJSON()).toEqual({ kk: null, ru: 'г. Астана, ул. Бейбітшілік, 10', en: null });
  });

  it('reads a comma-delimited file with English headers, quoted values and both delivery places', () => {
    const csv =
      'Plan point number,Name KK,Name RU,Subject code,Method,Amount,Quarter,Delivery place KK,Delivery place RU,Comment\n' +
      '7,"Су, 19 л","Вода, 19 л",110712.300.000000,price_offers,250000,2027-Q1,Астана қ.,г. Астана,ignored\n';
    const [r] = parseAnnualPlan(csv);
    expect(r.errors).toEqual([]);
    expect(r.draft!.title.toJSON()).toEqual({ kk: 'Су, 19 л', ru: 'Вода, 19 л', en: null });
    expect(r.draft!.method).toBe('price_offers');
    expect(r.draft!.deliveryPlace!.toJSON()).toEqual({ kk: 'Астана қ.', ru: 'г. Астана', en: null });
  });

  it('reads Kazakh headers, in any column order', () => {
    const csv =
      'Сатып алу тәсілі;Сома;Жоспар тармағының нөмірі;Атауы орыс тілінде;Атауы қазақ тілінде;ТЖҚБН коды\n' +
      'Ашық конкурс;10000000;42;Ремонт кровли;Шатырды жөндеу;432110.000.000000\n';
    const [r] = parseAnnualPlan(csv);
    expect(r.errors).toEqual([]);
    expect(r.draft).toMatchObject({
      planPointNumber: '42',
      method: 'open_tender',
      amount: 10_000_000,
      plannedQuarter: null,
      deliveryPlace: null,
    });
  });

  it('reports every bad cell of a row with its column, and keeps the other rows', () => {
    const csv = [
      RU_HEADER,
      row({ point: '', kk: '', method: 'Тендер', amount: '12,5', quarter: '2027-Q5' }),
      row({ point: '2', ru: 'x'.repeat(501), code: '', amount: 'сто' }),
      row({ point: '3' }),
    ].join('\n');
    const rows = parseAnnualPlan(csv);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(rows[0].errors).toEqual([
      { column: 'planPointNumber', code: 'REQUIRED' },
      { column: 'nameKk', code: 'REQUIRED' },
      { column: 'method', code: 'METHOD_UNKNOWN' },
      { column: 'amount', code: 'AMOUNT_FRACTION' },
      { column: 'quarter', code: 'QUARTER_INVALID' },
    ]);
    expect(rows[1].errors).toEqual([
      { column: 'nameRu', code: 'TOO_LONG' },
      { column: 'subjectCode', code: 'REQUIRED' },
      { column: 'amount', code: 'AMOUNT_INVALID' },
    ]);
    expect(rows[0].draft).toBeNull();
    expect(rows[2].draft).not.toBeNull();
  });

  it('refuses a plan-point number repeated in the file on its later rows', () => {
    const rows = parseAnnualPlan([RU_HEADER, row({ point: 'A' }), row({ point: 'B' }), row({ point: 'A' })].join('\n'));
    expect(rows.map((r) => r.errors)).toEqual([[], [], [{ column: 'planPointNumber', code: 'PLAN_POINT_REPEATED' }]]);
  });

  it('reports a row whose cell count differs from the header (an unquoted delimiter)', () => {
    const rows = parseAnnualPlan(`${RU_HEADER}\n${row({ ru: 'Бумага; офисная' })}`);
    expect(rows[0].errors).toContainEqual({ column: null, code: 'COLUMN_COUNT' });
  });

  it('skips empty rows, counting spreadsheet rows as Excel does', () => {
    const rows = parseAnnualPlan(`${RU_HEADER}\n\n;;;;;;;\n${row()}\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).toBe(4);
  });

  it('takes a quarter number with the year column', () => {
    const csv = `${RU_HEADER};Год\n${row({ quarter: '3' })};2027\n${row({ point: '2', quarter: 'IV' })};2028\n${row({ point: '3', quarter: '2' })};27`;
    const rows = parseAnnualPlan(csv);
    expect(rows.map((r) => r.draft?.plannedQuarter ?? r.errors)).toEqual([
      '2027-Q3',
      '2028-Q4',
      [{ column: 'year', code: 'QUARTER_INVALID' }],
    ]);
    expect(parseAnnualPlan(`${RU_HEADER}\n${row({ quarter: '3' })}`)[0].errors).toEqual([
      { column: 'quarter', code: 'QUARTER_NEEDS_YEAR' },
    ]);
  });

  it('refuses a file without a required column, naming them', () => {
    const e = refusal(() => parseAnnualPlan('Номер пункта плана;Сумма\n1;100'));
    expect(e.code).toBe('IMPORT_COLUMNS_MISSING');
    expect(e.fields).toEqual({ missing: ['nameKk', 'nameRu', 'subjectCode', 'method'] });
  });

  it('refuses a column named twice, a broken quote, an empty file and too many rows', () => {
    expect(refusal(() => parseAnnualPlan(`${RU_HEADER};Сумма\n${row()};1`)).code).toBe('IMPORT_COLUMN_REPEATED');
    expect(refusal(() => parseAnnualPlan(`${RU_HEADER}\n1;"Кеңсе;x`)).code).toBe('IMPORT_NOT_CSV');
    expect(refusal(() => parseAnnualPlan('')).code).toBe('IMPORT_NO_ROWS');
    expect(refusal(() => parseAnnualPlan(`${RU_HEADER}\n`)).code).toBe('IMPORT_NO_ROWS');
    const many = [RU_HEADER, ...Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => row({ point: String(i), place: '' }))].join(
      '\n',
    );
    expect(refusal(() => parseAnnualPlan(many)).code).toBe('IMPORT_TOO_MANY_ROWS');
  });

  it('refuses a file over the size limit', () => {
    const e = refusal(() => parseAnnualPlan('x'.repeat(IMPORT_LIMITS.maxBytes + 1)));
    expect([e.code, e.status]).toEqual(['IMPORT_TOO_LARGE', 413]);
  });
});

describe('cells', () => {
  it('amount: whole tenge with spaces, no-break spaces or a zero fraction', () => {
    expect(parseAmount('12500000')).toBe(12_500_000);
    expect(parseAmount('12 500 000')).toBe(12_500_000);
    expect(parseAmount('12\u00a0500\u00a0000')).toBe(12_500_000);
    expect(parseAmount('12\u202f500')).toBe(12_500);
    expect(parseAmount('1 500 000,00')).toBe(1_500_000);
    expect(parseAmount('1500000.0')).toBe(1_500_000);
    expect(parseAmount('0')).toBe(0);
    expect(parseAmount('1 500 000,50')).toBe('AMOUNT_FRACTION');
    expect(parseAmount('12 50 000')).toBe('AMOUNT_INVALID');
    expect(parseAmount('-5')).toBe('AMOUNT_INVALID');
    expect(parseAmount('1e6')).toBe('AMOUNT_INVALID');
    expect(parseAmount('99999999999999999')).toBe('AMOUNT_INVALID');
    expect(parseAmount('')).toBe('REQUIRED');
  });

  it('quarter: 2027-Q2 and its spellings, or a quarter with the year column', () => {
    expect(parseQuarter('2027-Q2', '', false).value).toBe('2027-Q2');
    expect(parseQuarter('2027 q2', '', false).value).toBe('2027-Q2');
    expect(parseQuarter('2027-К2', '', false).value).toBe('2027-Q2');
    expect(parseQuarter('Q1', '2028', true).value).toBe('2028-Q1');
    expect(parseQuarter('', '', false)).toEqual({ value: null, column: 'quarter' });
    expect(parseQuarter('2027-Q0', '', false).error).toBe('QUARTER_INVALID');
    expect(parseQuarter('второй', '2027', true).error).toBe('QUARTER_INVALID');
  });

  it('delimiter: chosen by the header line', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',');
  });

  it('decoding: UTF-8 with or without BOM; cp1251 refused', () => {
    expect(decodeCsv(Buffer.from('\uFEFFСумма', 'utf8'))).toBe('Сумма');
    expect(decodeCsv(Buffer.from('Сумма', 'utf8'))).toBe('Сумма');
    expect(refusal(() => decodeCsv(Buffer.from([0xd1, 0xf3, 0xec, 0xec, 0xe0]))).code).toBe('IMPORT_NOT_UTF8');
    expect(refusal(() => decodeCsv(Buffer.alloc(IMPORT_LIMITS.maxBytes + 1, 0x41))).code).toBe('IMPORT_TOO_LARGE');
  });
});
