import type { openData as en } from '../en/open-data';

export const openData: typeof en = {
  ocds: {
    publisher: 'talqylau: мемлекеттік сатып алуды қоғамдық талқылау',
    hearing: 'Көпшілік тыңдаулар',
    councilReview: 'Тыңдау хаттамасын қоғамдық кеңестің қарауы',
    protocol: 'Көпшілік тыңдаулар хаттамасы',
    notice: 'Сатып алу туралы хабарландыру',
    stage2: 'Сатып алу құжаттамасын қоғамдық талқылау',
    outcome: 'Қоғамдық талқылаудың қорытындысы',
    planPage: 'Жоспар және оны қоғамдық талқылау',
  },
};
