import type { documentation as en } from '../en/documentation';

export const documentation: typeof en = {
  stage2OpenEmail: {
    subject: (p) => `Открыт второй этап: ${p.planTitle}`,
    text: (p) =>
      `Организатор опубликовал извещение и документацию о закупке. Замечания о их соответствии законодательству принимаются до конца дня ${p.closeDate}.`,
  },
  noticeCorrectedEmail: {
    subject: (p) => `Исправленное извещение: ${p.planTitle}`,
    text: 'Организатор опубликовал исправление извещения и документации о закупке. Прежняя версия остаётся доступной.',
    reasonHeading: 'Причина исправления',
  },
  translations: {
    tooManyDocuments: 'documents: в извещении меньше документов, чем передано',
    noReason: 'correctionReason: эта версия извещения не является исправлением',
  },
};
