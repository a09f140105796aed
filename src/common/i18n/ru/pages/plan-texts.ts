import type { planTexts as en } from '../../en/pages/plan-texts';

export const planTexts: typeof en = {
  changeDraft: 'Изменить черновик',
  editTitle: 'Изменение черновика',
  editIntro: 'Черновик видит только ваша организация. До публикации напишите предмет и сведения на казахском и на русском языках.',
  saveChanges: 'Сохранить изменения',
  draftSaved: 'Черновик сохранён.',
  publishNeedsTranslations: 'Перед публикацией добавьте недостающие переводы.',
  publishRefused: 'План пока нельзя опубликовать: наименование и описание нужны на казахском и на русском языках.',
  addTranslations: 'Добавить переводы',
  translationsTitle: 'Переводы',
  translationsIntro:
    'Добавьте недостающие языки. Перевод не меняет уже опубликованный текст, не создаёт новой версии и не рассылает писем.',
  translationsButton: 'Сохранить переводы',
  translationsSaved: 'Переводы сохранены.',
  nothingMissing: 'Все тексты уже есть на казахском и русском языках.',
  translationsOf: 'Переводы: {name}',
  translationExists: 'Этот язык уже есть с другим текстом. Изменение опубликованного текста — это исправление, а не перевод.',
};
