import type { reviews as en } from '../en/reviews';

export const reviews: typeof en = {
  result: {
    endorsed: 'мақұлданды',
    endorsed_with_recommendations: 'ұсынымдармен мақұлданды',
    objected: 'қарсылық',
    no_majority: 'көпшілік жоқ',
    no_positions: 'ұстанымдар жазылмаған',
  },
  email: {
    greeting: (p) => `Сәлеметсіз бе, ${p.name}!`,
    openDiscussion: 'Талқылауды ашу',
  },
  conclusionEmail: {
    subject: (p) => `Кеңес қорытындысы: ${p.planTitle}`,
    quorumYes: 'Кворум: бар',
    quorumNo: 'Кворум: жоқ',
    line: (p) =>
      `Қоғамдық кеңес тыңдаулар хаттамасы бойынша қорытынды жариялады: ${p.result}. Ұстанымдар: ${p.membersCount} мүшенің ${p.positionsCount}. ${p.quorum}.`,
  },
  responseEmail: {
    subject: (p) => `Ұсынымыңызға ${p.corrected ? 'түзетілген жауап' : 'жауап'}: ${p.planTitle}`,
    accepted: 'Ұйымдастырушы ұсынымыңызды қабылдады.',
    rejected: 'Ұйымдастырушы ұсынымыңызды қабылдамады.',
    recommendationHeading: 'Сіздің ұсынымыңыз',
    responseHeading: 'Жауап',
  },
};
