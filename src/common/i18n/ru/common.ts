import type { common as en } from '../en/common';

export const common: typeof en = {
  emailFooter: 'Это письмо отправлено сервисом talqylau — общественного обсуждения закупок.',
  languageNames: { kk: 'казахский', ru: 'русский', en: 'английский' },
  onlyIn: ({ language }: { language: string }) => `(перевода пока нет; показано: ${language})`,
};
