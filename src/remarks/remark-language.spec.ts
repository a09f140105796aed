import { AppError } from '../common/errors/app-error';
import { LocalizedText } from '../common/i18n/localized-text';
import { assertAnswerLanguages, remarkLanguage } from './remarks.service';

describe('remarkLanguage', () => {
  it('takes the author’s choice, else the Content-Language header (any ISO 639 code), else the account language', () => {
    expect(remarkLanguage('ru', 'kk-KZ', 'en')).toBe('ru');
    expect(remarkLanguage(undefined, 'kk-KZ, ru;q=0.5', 'en')).toBe('kk');
    expect(remarkLanguage(undefined, 'DE', 'kk')).toBe('de');
    expect(remarkLanguage(undefined, 'x-klingon', 'kk')).toBe('kk');
    expect(remarkLanguage(undefined, '', 'ru')).toBe('ru');
    expect(remarkLanguage(undefined, undefined, 'en')).toBe('en');
  });
});

describe('assertAnswerLanguages (Law on Languages, art. 11)', () => {
  const text = (versions: Record<string, string>) => LocalizedText.of(versions)!;
  const missing = (texts: Record<string, LocalizedText>, language: string): unknown => {
    try {
      assertAnswerLanguages(texts, language);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('TRANSLATION_REQUIRED');
      return (error as AppError).fields.missing;
    }
  };

  it('needs the remark’s language when it is Kazakh or Russian', () => {
    expect(missing({ body: text({ ru: 'Ответ' }) }, 'kk')).toEqual(['body.kk']);
    expect(missing({ body: text({ kk: 'Жауап' }) }, 'kk')).toBeNull();
    expect(missing({ body: text({ kk: 'Жауап', en: 'Answer' }) }, 'ru')).toEqual(['body.ru']);
  });

  it('needs Kazakh or Russian for a remark in another language, naming both when neither is there', () => {
    expect(missing({ body: text({ en: 'Answer' }) }, 'en')).toEqual(['body.kk', 'body.ru']);
    expect(missing({ body: text({ en: 'Answer' }), reason: text({ kk: 'Себеп' }) }, 'und')).toEqual(['body.kk', 'body.ru']);
    expect(missing({ body: text({ ru: 'Ответ' }) }, 'de')).toBeNull();
  });
});
