import type { feeds as en } from '../en/feeds';

export const feeds: typeof en = {
  plansTitle: 'Қоғамдық талқылаудағы сатып алу жоспарлары',
  plansOfTitle: (p) => `«${p.organization}» ұйымдастырушысының қоғамдық талқылаудағы сатып алу жоспарлары`,
  plansSubtitle: 'Қоғамдық талқылауға жарияланған жоспар тармақтары, алдымен жаңалары',
  hearingsTitle: 'Алдағы көпшілік тыңдаулар',
  hearingsOfTitle: (p) => `Алдағы көпшілік тыңдаулар: ${p.organization}`,
  hearingsDescription: 'Сатып алу жоспарларының тармақтары бойынша барлық алдағы бетпе-бет көпшілік тыңдаулар: уақыты, орны және жоспары',
  stage1Window: (p) => `${p.from} – ${p.to} (${p.zone})`,
  subscribe: 'Жазылу',
  plansLink: 'Жоспарлар Atom арнасы ретінде',
  hearingsLink: 'Тыңдаулар күнтізбе ретінде (iCalendar)',
  subscribeHint: 'Жаңа жоспарлар мен тыңдауларды қадағалау үшін сілтеме мекенжайын арна оқу бағдарламасына немесе күнтізбеге қосыңыз.',
};
