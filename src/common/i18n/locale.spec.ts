import { interpolate, localeFromAcceptLanguage } from './locale';

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['kk-KZ,ru;q=0.8', 'kk'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['en-US', 'en'],
    ['de-DE,en;q=0.5,ru;q=0.7', 'ru'],
    ['fr', null],
    ['', null],
    [undefined, null],
    ['kk;q=0,en', 'en'],
    ['RU', 'ru'],
  ])('%s -> %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
    // remembered: the same answer the second time
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it('answers right past the headers it remembers (a thousand distinct ones)', () => {
    for (let i = 0; i < 2500; i++)
      expect(localeFromAcceptLanguage(`x-${i},${['kk', 'ru', 'en'][i % 3]};q=0.5`)).toBe(['kk', 'ru', 'en'][i % 3]);
    expect(localeFromAcceptLanguage(`${'a'.repeat(300)},kk`)).toBe('kk');
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
