import type { hearings as en } from '../en/hearings';

export const hearings: typeof en = {
  inThePast: 'это время уже прошло',
  icsSummary: 'Публичные слушания',
  email: {
    subjects: {
      scheduled: 'Назначены публичные слушания',
      rescheduled: 'Публичные слушания перенесены',
      cancelled: 'Публичные слушания отменены',
      reminder: 'Напоминание о публичных слушаниях',
    },
    hello: (p) => `Здравствуйте, ${p.name}!`,
    when: 'Время',
    where: 'Место',
    room: 'Помещение',
    stream: 'Трансляция',
    reason: 'Причина',
    anyone: 'Прийти на слушания может любой желающий.',
    open: 'Открыть позицию плана',
    protocolPublished: 'Опубликован протокол слушаний',
    protocolCorrected: 'Протокол слушаний исправлен',
    overdueSubject: 'Срок проведения слушаний истёк',
    overdue: (p) => `Публичные слушания не проведены в срок (до ${p.deadline}); позиция плана отмечена как просроченная.`,
  },
};
