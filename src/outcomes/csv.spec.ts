import fc from 'fast-check';
import { csvField, csvRow } from './csv';

/**
 * Splits CSV text as a spreadsheet program does with the given separator: a field that begins with
 * a quote is quoted up to the next lone quote (doubled quotes are one), anything after it up to the
 * separator is appended as is; elsewhere a quote is an ordinary character; rows end at CR, LF or CRLF
 * outside quotes.
 */
function parseCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atStart = true;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atStart = true;
  };
  while (i < text.length) {
    const c = text[i];
    if (atStart && c === '"') {
      atStart = false;
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
      continue;
    }
    atStart = false;
    if (c === separator) {
      endCell();
      i++;
    } else if (c === '\r' || c === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** A cell a spreadsheet would evaluate: = + - @ first, after any blanks and quote marks it may drop. */
const isFormula = (cell: string) => /^[\s"]*[=+\-@]/.test(cell);

/** Texts rich in what matters here: separators, quotes, blanks, line breaks and formula characters. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('=', '+', '-', '@', ',', ';', '"', "'", ' ', '\t', '\r', '\n', 'x', 'Қ', '1'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['tab\there', '"tab\there"'],
    [' padded ', '" padded "'],
    ['Қазақ тілі', 'Қазақ тілі'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['x;=cmd|" /C calc"!A0', '"x;\'=cmd|"" /C calc""!A0"'],
    ['x, +1', '"x, \'+1"'],
    ['x;"@SUM(1)', '"x;""\'@SUM(1)"'],
    ['one\n-2', '"one\n\'-2"'],
    ['\tstart', '"\'\tstart"'],
    ['a-b=c', 'a-b=c'],
    [null, ''],
    [true, 'true'],
  ])('%j -> %s', (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  it('rows end with CRLF', () => {
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('x;=cmd starts no formula in a spreadsheet that splits on semicolons', () => {
    const row = csvRow(['remark', 'x;=cmd|" /C calc"!A0']);
    expect(parseCsv(row, ';').flat().some(isFormula)).toBe(false);
    expect(parseCsv(row, ',')).toEqual([['remark', 'x;\'=cmd|" /C calc"!A0']]);
  });

  it('semicolon rows: the same cells joined by semicolons', () => {
    expect(csvRow(['a', 1, null, 'x,y', 'p;q'], ';')).toBe('a;1;;"x,y";"p;q"\r\n');
  });

  it.each([',', ';'] as const)('no cell of any row written with %j, split on commas or on semicolons, starts a formula', (written) => {
    fc.assert(
      fc.property(fc.array(nasty, { minLength: 1, maxLength: 5 }), (cells) => {
        const text = csvRow(cells, written);
        for (const separator of [',', ';'] as const) {
          const formulas = parseCsv(text, separator).flat().filter(isFormula);
          expect([separator, formulas]).toEqual([separator, []]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([',', ';'] as const)('reads back as the same cells when split on %j, apart from the guard’s apostrophes', (separator) => {
    fc.assert(
      fc.property(fc.array(nasty, { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = parseCsv(csvRow(cells, separator), separator);
        const noApostrophes = (s: string) => s.replace(/'/g, '');
        expect(row.map(noApostrophes)).toEqual(cells.map(noApostrophes));
      }),
      { numRuns: 2000 },
    );
  });
});
