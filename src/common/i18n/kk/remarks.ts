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
  languages: {
    choiceLabel: 'Ескертудің тілі',
    choiceHint: 'Егер бұл қазақ немесе орыс тілі болса, жауап осы тілде беріледі; әйтпесе қазақ немесе орыс тілінде.',
    other: 'Басқа тіл',
    unknown: 'басқа тіл',
    writtenIn: ({ language }) => `Жазылған тілі: ${language}`,
    queueLanguage: ({ language }) => `Ескертудің тілі: ${language}`,
    answerNeeds: ({ language }) => `Ескертудің тілі — ${language}: жауап осы тілде болуы керек; екінші мемлекеттік тіл де құпталады.`,
    answerEither: ({ language }) =>
      `Ескертудің тілі — ${language}: қазақ немесе орыс тілінде (немесе екеуінде де) жауап беріңіз; ағылшын тілін қосуға болады.`,
    answerLegend: 'Дәлелді жауап',
    reasonLegend: 'Түзету себебі',
    translate: 'Жауаптың аудармасын қосу',
    translationTitle: 'Жауаптың аудармасы',
    translationIntro:
      'Жарияланған жауапта жоқ тілдерді қосыңыз. Аударма түзету емес: жаңа нұсқа жасалмайды, автордың бағасы сақталады, хат жіберілмейді. Жарияланған нұсқаларды мұнда өзгертуге болмайды.',
    translationSubmit: 'Аударманы жариялау',
    translationDone: 'Аударма жарияланды.',
    translationEmpty: 'Жетіспейтін кемінде бір нұсқаны енгізіңіз.',
    missingOne: ({ language }) => `Міндетті: жауап ескерту тілінде (${language}) де болуы керек.`,
    missingEither: 'Міндетті: мұны қазақ немесе орыс тілінде (немесе екеуінде де) жазыңыз.',
  },
};
