import type { scheduler as en } from '../en/scheduler';

export const scheduler: typeof en = {
  stage1Closed: {
    subject: (p) => `Первый этап завершён: ${p.planTitle}`,
    summary: (p) =>
      `Первый этап общественного обсуждения «${p.planTitle}» завершён. Замечаний: ${p.remarks}, из них без ответа: ${p.unanswered}.`,
    hearingBy: (p) => `Очные публичные слушания должны быть проведены не позднее ${p.date}, в рабочий день.`,
    link: 'Открыть обсуждение',
  },
  stage2Closed: {
    subject: (p) => `Второй этап завершён: ${p.planTitle}`,
    summary: (p) =>
      `Второй этап общественного обсуждения «${p.planTitle}» завершён. Замечаний: ${p.remarks}, из них без ответа: ${p.unanswered}.`,
    answersBy: (p) => `Ответы на все замечания должны быть опубликованы до ${p.date}.`,
    link: 'Открыть обсуждение',
  },
  answersOverdue: {
    subject: (p) => `Срок ответа истёк: ${p.planTitle}`,
    summary: (p) =>
      `По «${p.planTitle}» истёк срок ответа на замечания: ${p.overdue}. Ответы с опозданием публично отмечаются как просроченные.`,
    link: 'Ответить на замечания',
  },
};
