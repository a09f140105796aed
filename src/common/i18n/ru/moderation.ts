import type { moderation as en } from '../en/moderation';

export const moderation: typeof en = {
  reasons: {
    insult: 'оскорбление',
    personal_data: 'персональные данные другого лица',
    spam: 'спам',
    off_topic: 'не по теме',
    duplicate: 'повтор того же автора',
    other: 'другое',
  },
  actions: { hide: 'скрыть', keep: 'оставить открытым' },
  hidden: 'Скрыто модератором {at}: {reason}.',
  hiddenForAuthor: 'Скрыто от публики {at} ({reason}); текст видите только вы и модераторы.',
  maskedNote: 'ИИН, номера телефонов и адреса электронной почты в этом тексте скрыты от публики.',
  hiddenCount: 'Скрыто модераторами замечаний: {n}',
  reads: {
    formHint: 'ИИН, номера телефонов и адреса электронной почты в вашем замечании будут скрыты от публики.',
    report: 'Пожаловаться',
    reportLabel: 'Пожаловаться модераторам на это замечание',
    appeal: 'Обжаловать',
    appealLabel: 'Обжаловать скрытие этого замечания',
    moderate: 'Модерировать',
    moderateLabel: 'Открыть это замечание для модерации',
    hiddenTitle: 'Скрытые замечания',
    hiddenNone: 'Модераторы не скрывали замечаний.',
    noAnswerNeeded: 'Пока замечание скрыто, ответ не требуется.',
  },
};
