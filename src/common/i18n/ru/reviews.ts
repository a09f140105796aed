import type { reviews as en } from '../en/reviews';

export const reviews: typeof en = {
  result: {
    endorsed: 'одобрено',
    endorsed_with_recommendations: 'одобрено с рекомендациями',
    objected: 'возражение',
    no_majority: 'нет большинства',
    no_positions: 'позиции не записаны',
  },
  email: {
    greeting: (p) => `Здравствуйте, ${p.name}!`,
    openDiscussion: 'Открыть обсуждение',
  },
  conclusionEmail: {
    subject: (p) => `Заключение совета: ${p.planTitle}`,
    quorumYes: 'Кворум: есть',
    quorumNo: 'Кворум: нет',
    line: (p) =>
      `Общественный совет опубликовал заключение по протоколу слушаний: ${p.result}. Позиции: ${p.positionsCount} из ${p.membersCount} членов. ${p.quorum}.`,
  },
  responseEmail: {
    subject: (p) => `${p.corrected ? 'Исправленный ответ' : 'Ответ'} на вашу рекомендацию: ${p.planTitle}`,
    accepted: 'Организатор принял вашу рекомендацию.',
    rejected: 'Организатор отклонил вашу рекомендацию.',
    recommendationHeading: 'Ваша рекомендация',
    responseHeading: 'Ответ',
  },
};
