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
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
