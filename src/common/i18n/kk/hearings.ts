import type { hearings as en } from '../en/hearings';

export const hearings: typeof en = {
  inThePast: 'бұл уақыт өтіп кетті',
  icsSummary: 'Көпшілік тыңдаулар',
  email: {
    subjects: {
      scheduled: 'Көпшілік тыңдаулар тағайындалды',
      rescheduled: 'Көпшілік тыңдаулар ауыстырылды',
      cancelled: 'Көпшілік тыңдаулар тоқтатылды',
      reminder: 'Ертең көпшілік тыңдаулар',
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
    overdue: (p) => `Көпшілік тыңдаулар белгіленген мерзімде (${p.deadline}) өткізілмеді; жоспар позициясы мерзімі өткен деп белгіленді.`,
  },
};
