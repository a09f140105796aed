import type { feeds as en } from '../en/feeds';

export const feeds: typeof en = {
  plansTitle: 'Планы закупок на общественном обсуждении',
  plansOfTitle: (p) => `Планы закупок организатора «${p.organization}» на общественном обсуждении`,
  plansSubtitle: 'Пункты планов, опубликованные для общественного обсуждения, сначала новые',
  hearingsTitle: 'Предстоящие публичные слушания',
  hearingsOfTitle: (p) => `Предстоящие публичные слушания: ${p.organization}`,
  hearingsDescription: 'Все предстоящие очные публичные слушания по пунктам планов закупок: время, место и план',
  stage1Window: (p) => `${p.from} – ${p.to} (${p.zone})`,
  subscribe: 'Подписаться',
  plansLink: 'Планы в формате Atom',
  hearingsLink: 'Слушания в календаре (iCalendar)',
  subscribeHint: 'Добавьте адрес ссылки в программу чтения лент или в календарь, чтобы следить за новыми планами и слушаниями.',
};
