import type { remarks as en } from '../en/remarks';

export const remarks: typeof en = {
  bodyLength: 'должно содержать от 1 до 10000 символов',
  idempotencyKeyTooLong: 'слишком длинное',
  answerBlank: 'не может быть пустым',
  translationEmpty: 'укажите хотя бы один недостающий перевод ответа или причины исправления',
  translationNotCorrected: 'последняя версия ответа не является исправлением, и у неё нет причины для перевода',
  windowClosed: {
    notPublished: 'план не опубликован',
    stage2Closed: (p) => `второй этап завершился ${p.at}`,
    stage2Opens: (p) => `второй этап начнётся ${p.at}`,
    stage1Closed: (p) => `первый этап завершился ${p.at}; второй этап ещё не начался`,
  },
  dispositions: {
    accepted: 'учтено',
    partially_accepted: 'учтено частично',
    rejected: 'отклонено',
    explained: 'дано разъяснение',
  },
  answerEmail: {
    subject: (p) => `Ответ на ваше замечание: ${p.planTitle}`,
    correctedSubject: (p) => `Ответ на ваше замечание исправлен: ${p.planTitle}`,
    greeting: (p) => `Здравствуйте, ${p.name}!`,
    intro: (p) => `Организатор опубликовал ответ на ваше замечание по информации о закупке «${p.planTitle}».`,
    correctedIntro: (p) => `Организатор исправил ответ на ваше замечание по информации о закупке «${p.planTitle}» (версия ${p.version}).`,
    disposition: (p) => `Решение: ${p.word}.`,
    remark: 'Ваше замечание',
    answer: 'Ответ организатора',
    reason: 'Причина исправления',
    link: 'Открыть обсуждение',
  },
};
