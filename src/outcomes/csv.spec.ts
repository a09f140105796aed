import { csvField, csvRow } from './csv';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['Қазақ тілі', 'Қазақ тілі'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    [null, ''],
    [true, 'true'],
  ])('%j -> %s', (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  it('rows end with CRLF', () => {
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });
});
