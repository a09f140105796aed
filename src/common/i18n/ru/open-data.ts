import type { openData as en } from '../en/open-data';

export const openData: typeof en = {
  ocds: {
    publisher: 'talqylau: общественное обсуждение государственных закупок',
    hearing: 'Публичные слушания',
    councilReview: 'Рассмотрение протокола слушаний общественным советом',
    protocol: 'Протокол публичных слушаний',
    notice: 'Объявление о закупке',
    stage2: 'Общественное обсуждение конкурсной документации',
    outcome: 'Итог общественного обсуждения',
    planPage: 'План и его общественное обсуждение',
  },
};
