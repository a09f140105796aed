import type { common as en } from '../en/common';

export const common: typeof en = {
  emailFooter: 'Бұл хатты talqylau — сатып алуды қоғамдық талқылау қызметі жіберді.',
  languageNames: { kk: 'қазақ тілі', ru: 'орыс тілі', en: 'ағылшын тілі' },
  onlyIn: ({ language }: { language: string }) => `(аудармасы әлі жоқ; көрсетілген тіл: ${language})`,
};
