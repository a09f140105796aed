import type { procedure as en } from '../en/procedure';

export const procedure: typeof en = {
  hearingStart: {
    beforeStage1Closes: (p) =>
      `до окончания первого этапа (первый этап закрывается в конце дня ${p.closeDate}; самая ранняя допустимая дата ${p.first})`,
    afterLimit: (p) => `после истечения ${p.limit}-дневного срока (последняя допустимая дата ${p.last})`,
    outsideHours: (p) => `вне рабочего времени ${p.hours} (время начала ${p.start})`,
  },
};
