import { LocalizedText, answerLanguagesMissing, contentLanguage } from './localized-text';
import { isLocalizedInput, localizedWithin } from './localized-text.validation';
import { localizeResponse } from './localize-response';

const both = LocalizedText.of({ kk: 'Мектеп', ru: 'Школа' })!;
const ruOnly = LocalizedText.of({ ru: 'Школа' })!;
const enOnly = LocalizedText.of({ en: 'School' })!;

describe('LocalizedText', () => {
  it('treats blank versions as absent and trims the others; no version at all is null', () => {
    const text = LocalizedText.of({ kk: '  ', ru: ' Школа ', en: null })!;
    expect(text.toJSON()).toEqual({ kk: null, ru: 'Школа', en: null });
    expect(LocalizedText.of({ kk: ' ', ru: '' })).toBeNull();
  });

  it('keeps line breaks as \\n, so a version posted back by a browser (\\r\\n) is the same text', () => {
    const stored = LocalizedText.of({ ru: 'Первая строка.\nВторая строка.' })!;
    const posted = LocalizedText.of({ ru: 'Первая строка.\r\nВторая строка.', en: 'First line.\rSecond line.' })!;
    expect(posted.toJSON()).toEqual({ kk: null, ru: 'Первая строка.\nВторая строка.', en: 'First line.\nSecond line.' });
    expect(stored.withTranslations(posted)).toMatchObject({ added: ['en'], conflicts: [] });
  });

  it('reads a string in the request language and an object as given', () => {
    expect(LocalizedText.fromInput('Мектеп', 'kk')!.toJSON()).toEqual({ kk: 'Мектеп', ru: null, en: null });
    expect(LocalizedText.fromInput({ ru: 'Школа', en: 'School' }, 'kk')!.toJSON()).toEqual({ kk: null, ru: 'Школа', en: 'School' });
    expect(LocalizedText.fromInput(undefined, 'kk')).toBeNull();
  });

  it('reads stored jsonb and a legacy string', () => {
    expect(LocalizedText.fromStored({ kk: 'Мектеп', ru: null, en: null })!.languages()).toEqual(['kk']);
    expect(LocalizedText.fromStored('Школа', 'ru')!.toJSON()).toEqual({ kk: null, ru: 'Школа', en: null });
    expect(LocalizedText.fromStored(null)).toBeNull();
  });

  it.each([
    ['kk', both, 'Мектеп', 'kk', false],
    ['ru', both, 'Школа', 'ru', false],
    ['en', both, 'Школа', 'ru', true],
    ['kk', ruOnly, 'Школа', 'ru', true],
    ['kk', enOnly, 'School', 'en', true],
    ['ru', enOnly, 'School', 'en', true],
  ] as const)('a %s reader of %j gets %s (%s, fallback %s)', (reader, text, expected, lang, fallback) => {
    expect(text.pick(reader)).toEqual({ text: expected, lang, fallback });
  });

  it('falls back kk→ru→en, ru→kk→en, en→ru→kk', () => {
    const kkEn = LocalizedText.of({ kk: 'Мектеп', en: 'School' })!;
    expect(kkEn.pick('ru').lang).toBe('kk');
    expect(LocalizedText.of({ kk: 'Мектеп', ru: 'Школа' })!.pick('en').lang).toBe('ru');
    expect(LocalizedText.of({ kk: 'Мектеп' })!.pick('en').lang).toBe('kk');
  });

  it('names the missing state languages', () => {
    expect(ruOnly.missing()).toEqual(['kk']);
    expect(enOnly.missing()).toEqual(['kk', 'ru']);
    expect(both.missing()).toEqual([]);
  });

  it('adds only missing translations; a different existing version is a conflict, the same one is nothing', () => {
    const result = ruOnly.withTranslations(LocalizedText.of({ kk: 'Мектеп', ru: 'Школа' })!);
    expect(result).toMatchObject({ added: ['kk'], conflicts: [] });
    expect(result.text.toJSON()).toEqual({ kk: 'Мектеп', ru: 'Школа', en: null });
    expect(ruOnly.withTranslations(LocalizedText.of({ ru: 'Другая школа' })!)).toMatchObject({ added: [], conflicts: ['ru'] });
  });
});

describe('the answer language (Law on Languages, art. 11)', () => {
  it("needs the remark's language when it is kk or ru", () => {
    expect(answerLanguagesMissing(ruOnly, 'kk')).toEqual(['kk']);
    expect(answerLanguagesMissing(both, 'kk')).toEqual([]);
    expect(answerLanguagesMissing(LocalizedText.of({ kk: 'Иә' })!, 'ru')).toEqual(['ru']);
  });

  it('needs kk or ru for a remark in another language', () => {
    expect(answerLanguagesMissing(enOnly, 'en')).toEqual(['kk', 'ru']);
    expect(answerLanguagesMissing(enOnly, 'de')).toEqual(['kk', 'ru']);
    expect(answerLanguagesMissing(ruOnly, 'en')).toEqual([]);
    expect(answerLanguagesMissing(LocalizedText.of({ kk: 'Иә' })!, 'uz')).toEqual([]);
  });
});

describe('Content-Language', () => {
  it.each([
    ['kk-KZ', 'kk'],
    ['RU', 'ru'],
    ['en, kk', 'en'],
    ['de', null],
    [undefined, null],
  ])('%s names %s', (header, expected) => {
    expect(contentLanguage(header)).toBe(expected);
  });
});

describe('localized input validation', () => {
  it.each([
    ['text', true],
    [{ kk: 'мәтін' }, true],
    [{ kk: 'мәтін', ru: null }, true],
    [{ kk: ' ', ru: '' }, false],
    [{ de: 'Text' }, false],
    [{ kk: 5 }, false],
    [['text'], false],
    [null, false],
    ['  ', false],
  ])('%j valid: %s', (value, expected) => {
    expect(isLocalizedInput(value)).toBe(expected);
  });

  it('limits every version', () => {
    expect(localizedWithin({ kk: 'x'.repeat(5), ru: 'y'.repeat(6) }, 5)).toBe(false);
    expect(localizedWithin({ kk: 'x'.repeat(5) }, 5)).toBe(true);
  });
});

describe('localizeResponse', () => {
  it("gives each text in the reader's language and every version under i18n, at every depth", () => {
    const body = {
      id: 'p1',
      title: ruOnly,
      organization: { id: 'o1', name: both },
      protocol: { decisions: [both, ruOnly], attendeesCount: 3 },
      items: [{ body: enOnly }],
      deliveryPlace: null,
    };
    expect(localizeResponse(body, 'kk')).toEqual({
      id: 'p1',
      title: 'Школа',
      organization: { id: 'o1', name: 'Мектеп', i18n: { name: { kk: 'Мектеп', ru: 'Школа', en: null } } },
      protocol: {
        decisions: ['Мектеп', 'Школа'],
        attendeesCount: 3,
        i18n: { decisions: [both.toJSON(), ruOnly.toJSON()] },
      },
      items: [{ body: 'School', i18n: { body: enOnly.toJSON() } }],
      deliveryPlace: null,
      i18n: { title: { kk: null, ru: 'Школа', en: null } },
    });
  });

  it('leaves plain values, dates and strings alone', () => {
    const date = new Date(0);
    expect(localizeResponse({ at: date, tags: ['a'], n: 1 }, 'ru')).toEqual({ at: date, tags: ['a'], n: 1 });
    expect(localizeResponse('<html>', 'ru')).toBe('<html>');
  });

  it("copies only the objects and lists on the way to a text, keeps the key order, and never changes the handler's objects", () => {
    const verdict = { verdict: 'accepted', reason: null };
    const plain = { id: 'r0', answer: null, tags: ['a'] };
    const answered = { id: 'r1', answer: { body: ruOnly, verdict, history: [] as unknown[] }, stage: 1 };
    const page = { items: [plain, answered], nextCursor: null };
    const snapshot = JSON.stringify(page);
    const out = localizeResponse(page, 'ru') as typeof page & { items: Record<string, unknown>[] };
    expect(JSON.stringify(page)).toBe(snapshot);
    expect(out).not.toBe(page);
    expect(out.items[0]).toBe(plain);
    const answer = out.items[1].answer as Record<string, unknown>;
    expect(answer.verdict).toBe(verdict);
    expect(Object.keys(out.items[1])).toEqual(['id', 'answer', 'stage']);
    expect(Object.keys(answer)).toEqual(['body', 'verdict', 'history', 'i18n']);
    const textless = { items: [plain, { a: { b: [1, { c: 'x' }] } }] };
    expect(localizeResponse(textless, 'kk')).toBe(textless);
  });
});
