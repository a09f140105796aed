import { en } from '../../src/common/i18n/en';
import { kk } from '../../src/common/i18n/kk';
import { ru } from '../../src/common/i18n/ru';
import { catalogueDifferences, inlineTexts } from './catalogue-checks';
import { report, tsFilesUnder } from './source-scan';

describe('one catalogue per language', () => {
  it('kk and ru have exactly the keys of en, and no text is empty', () => {
    const differences = [...catalogueDifferences(en, ru, 'ru'), ...catalogueDifferences(en, kk, 'kk')];
    expect([...new Set(differences)].join('\n')).toBe('');
  });

  // Demo data is content published in three languages (stored as LocalizedText), not interface text.
  const DEMO_CONTENT = ['src/demo/', 'src/bootstrap-data.ts'];

  it('no {kk, ru, en} text object in src outside src/common/i18n and the demo content', () => {
    const files = tsFilesUnder('src').filter(
      (file) => !file.startsWith('src/common/i18n/') && !file.endsWith('.spec.ts') && !DEMO_CONTENT.some((d) => file.startsWith(d)),
    );
    expect(report(files.flatMap((file) => inlineTexts(file)))).toBe('');
  });

  describe('the checks themselves', () => {
    it('find missing, extra, mistyped and empty texts', () => {
      const english = { a: 'A', b: { c: 'C', d: (p: { n: number }) => `${p.n}` }, e: '' };
      const russian = { a: '', b: { c: { x: 'X' }, f: 'F' }, e: 'E' };
      expect(catalogueDifferences(english, russian, 'ru').sort()).toEqual(
        ['en e: empty', 'ru a: empty', 'ru b.c: object where en has string', 'ru b.d: missing', 'ru b.f: not in en'].sort(),
      );
      expect(catalogueDifferences(english, { ...english, e: 'E' }, 'kk')).toEqual(['en e: empty']);
    });

    it('find inline text objects but not locale tags', () => {
      const code = [
        "const a = { en: 'is invalid', ru: 'заполнено неверно', kk: 'қате толтырылған' };",
        'const b = { kk, ru, en };',
        "const c = { 'kk': 1, 'ru': 2, 'en': 3 };",
        "const d = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };",
        "const e = { ru: 'только два', en: 'only two' };",
      ].join('\n');
      expect(inlineTexts('example.ts', code).map((f) => f.line)).toEqual([1, 2, 3]);
    });
  });
});
