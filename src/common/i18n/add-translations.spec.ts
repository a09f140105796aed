import { addTranslations } from './add-translations';
import { LocalizedText } from './localized-text';

describe('addTranslations', () => {
  const title = LocalizedText.of({ ru: 'Ремонт школы' })!;
  const place = LocalizedText.of({ kk: 'Алматы', ru: 'Алматы' })!;

  it('adds the languages a text lacks and reports only the texts that changed', () => {
    const result = addTranslations({ title, place }, { title: { kk: 'Мектеп жөндеу' }, place: { ru: 'Алматы' } }, 'ru');
    expect(result.conflicts).toEqual([]);
    expect(Object.keys(result.changes)).toEqual(['title']);
    expect(result.changes.title!.toJSON()).toEqual({ kk: 'Мектеп жөндеу', ru: 'Ремонт школы', en: null });
  });

  it('names a language already there with another text as a conflict', () => {
    const result = addTranslations({ title, place }, { title: { ru: 'Другое', en: 'School repair' }, place: { kk: 'Астана' } }, 'ru');
    expect(result.conflicts.sort()).toEqual(['kk', 'ru']);
  });

  it('reads a string in the given language and fills a text that had none', () => {
    const result = addTranslations({ title, place: null }, { place: 'Шымкент' }, 'kk');
    expect(result.changes.place!.toJSON()).toEqual({ kk: 'Шымкент', ru: null, en: null });
  });
});
