import type { hearings as en } from '../en/hearings';

export const hearings: typeof en = {
  inThePast: 'бұл уақыт өтіп кетті',
  icsSummary: 'Қоғамдық тыңдаулар',
  email: {
    subjects: {
      scheduled: 'Қоғамдық тыңдаулар тағайындалды',
      rescheduled: 'Қоғамдық тыңдаулар ауыстырылды',
      cancelled: 'Қоғамдық тыңдаулар тоқтатылды',
      reminder: 'Ертең қоғамдық тыңдаулар',
    },
    hello: (p) => `Сәлеметсіз бе, ${p.name}!`,
    when: 'Уақыты',
    where: 'Орны',
    room: 'Бөлме',
    stream: 'Тікелей трансляция',
    reason: 'Себебі',
    anyone: 'Тыңдауларға кез келген адам қатыса алады.',
    open: 'Жоспар позициясын ашу',
    protocolPublished: 'Тыңдаулар хаттамасы жарияланды',
    protocolCorrected: 'Тыңдаулар хаттамасы түзетілді',
    overdueSubject: 'Тыңдаулар мерзімі өтті',
    overdue: (p) => `Қоғамдық тыңдаулар белгіленген мерзімде (${p.deadline}) өткізілмеді; жоспар позициясы мерзімі өткен деп белгіленді.`,
  },
};
