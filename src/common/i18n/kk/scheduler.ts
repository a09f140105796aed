import type { scheduler as en } from '../en/scheduler';

export const scheduler: typeof en = {
  stage1Closed: {
    subject: (p) => `Бірінші кезең аяқталды: ${p.planTitle}`,
    summary: (p) =>
      `«${p.planTitle}» бойынша қоғамдық талқылаудың бірінші кезеңі аяқталды. Ескертулер: ${p.remarks}, оның ішінде жауапсыз: ${p.unanswered}.`,
    hearingBy: (p) => `Бетпе-бет көпшілік тыңдаулар ${p.date} күнінен кешіктірілмей, жұмыс күні өткізілуі тиіс.`,
    link: 'Талқылауды ашу',
  },
  stage2Closed: {
    subject: (p) => `Екінші кезең аяқталды: ${p.planTitle}`,
    summary: (p) =>
      `«${p.planTitle}» бойынша қоғамдық талқылаудың екінші кезеңі аяқталды. Ескертулер: ${p.remarks}, оның ішінде жауапсыз: ${p.unanswered}.`,
    answersBy: (p) => `Барлық ескертулерге ${p.date} дейін жауап беру керек.`,
    link: 'Талқылауды ашу',
  },
  answersOverdue: {
    subject: (p) => `Жауап беру мерзімі өтті: ${p.planTitle}`,
    summary: (p) => `«${p.planTitle}» бойынша ${p.overdue} ескертуге жауап беру мерзімі өтті. Кешіккен жауаптар жария түрде белгіленеді.`,
    link: 'Ескертулерге жауап беру',
  },
};
