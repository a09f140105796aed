import { LocalizedText } from '../../common/i18n/localized-text';
import { localizedLinePlaces, localizedLines, localizedLinesValues } from './localized-lines';

describe('localizedLines', () => {
  it('pairs line i of each language; a blank line keeps its place; spaces around and blank lines at the end do not count', () => {
    const body = { r_kk: ' Лоттарға бөлу \n\nМерзімді ұзарту', r_ru: 'Разделить на лоты\r\nКонкурс\r\nПродлить срок\n\n', r_en: '' };
    expect(localizedLines(body, 'r')).toEqual({
      items: [{ kk: 'Лоттарға бөлу', ru: 'Разделить на лоты' }, { ru: 'Конкурс' }, { kk: 'Мерзімді ұзарту', ru: 'Продлить срок' }],
      uneven: false,
    });
  });

  it('drops rows blank in every language, or keeps their place for a translation', () => {
    const body = { r_kk: 'а\n\nв', r_ru: 'a\n\nc' };
    expect(localizedLines(body, 'r').items).toEqual([
      { kk: 'а', ru: 'a' },
      { kk: 'в', ru: 'c' },
    ]);
    expect(localizedLinePlaces(body, 'r').items).toEqual([{ kk: 'а', ru: 'a' }, null, { kk: 'в', ru: 'c' }]);
  });

  it('says when two filled languages have different numbers of lines; one language alone is fine', () => {
    expect(localizedLines({ r_kk: 'a\nb', r_ru: 'c' }, 'r').uneven).toBe(true);
    expect(localizedLines({ r_ru: 'c\nd' }, 'r')).toEqual({ items: [{ ru: 'c' }, { ru: 'd' }], uneven: false });
    expect(localizedLines({}, 'r')).toEqual({ items: [], uneven: false });
  });

  it('prefills each language one per line, empty where no item has it', () => {
    const list = [LocalizedText.of({ kk: 'бір', ru: 'один' })!, LocalizedText.of({ ru: 'два' })!];
    expect(localizedLinesValues('r', list)).toEqual({ r_kk: 'бір\n', r_ru: 'один\nдва', r_en: '' });
  });
});
