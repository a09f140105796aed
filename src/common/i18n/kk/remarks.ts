import type { remarks as en } from '../en/remarks';

export const remarks: typeof en = {
  bodyLength: '1-ден 10000 таңбаға дейін болуы керек',
  idempotencyKeyTooLong: 'тым ұзын',
  answerBlank: 'бос болмауы керек',
  translationEmpty: 'жауаптың немесе түзету себебінің жетіспейтін кемінде бір аудармасын көрсетіңіз',
  translationNotCorrected: 'жауаптың соңғы нұсқасы түзету емес, оның аударатын себебі жоқ',
  windowClosed: {
    notPublished: 'жоспар жарияланбаған',
    stage2Closed: (p) => `екінші кезең ${p.at} аяқталды`,
    stage2Opens: (p) => `екінші кезең ${p.at} басталады`,
    stage1Closed: (p) => `бірінші кезең ${p.at} аяқталды; екінші кезең әлі басталған жоқ`,
  },
  dispositions: {
    accepted: 'ескерілді',
    partially_accepted: 'ішінара ескерілді',
    rejected: 'қабылданбады',
    explained: 'түсіндірме берілді',
  },
  answerEmail: {
    subject: (p) => `Ескертуіңізге жауап: ${p.planTitle}`,
    correctedSubject: (p) => `Ескертуіңізге жауап түзетілді: ${p.planTitle}`,
    greeting: (p) => `Құрметті ${p.name}!`,
    intro: (p) => `Ұйымдастырушы «${p.planTitle}» сатып алу туралы ақпарат бойынша ескертуіңізге жауап жариялады.`,
    correctedIntro: (p) =>
      `Ұйымдастырушы «${p.planTitle}» сатып алу туралы ақпарат бойынша ескертуіңізге берілген жауапты түзетті (${p.version}-нұсқа).`,
    disposition: (p) => `Шешім: ${p.word}.`,
    remark: 'Сіздің ескертуіңіз',
    answer: 'Ұйымдастырушының жауабы',
    reason: 'Түзету себебі',
    link: 'Талқылауды ашу',
  },
};
