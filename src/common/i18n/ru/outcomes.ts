import type { outcomes as en } from '../en/outcomes';

export const outcomes: typeof en = {
  decision: {
    proceed: 'продолжить закупку',
    amend: 'изменить план или документацию',
    cancel: 'отменить закупку',
  },
  outcomeEmail: {
    subject: (p) => `Итог обсуждения: ${p.planTitle}`,
    text: (p) =>
      `Обсуждение завершено. Решение организатора: ${p.decision}. В отчёте показано, как учтено каждое замечание и каждая рекомендация.`,
    summaryHeading: 'Краткое содержание',
  },
  outcomeCorrectedEmail: {
    subject: (p) => `Исправленный итог обсуждения: ${p.planTitle}`,
    text: (p) => `Организатор исправил итог обсуждения; прежняя версия остаётся доступной. Решение теперь: ${p.decision}.`,
    reasonHeading: 'Причина исправления',
  },
  translations: {
    noReason: 'correctionReason: эта версия решения не является исправлением',
  },
};
