import type { moderation as en } from '../en/moderation';

export const moderation: typeof en = {
  reasons: {
    insult: 'қорлау',
    personal_data: 'басқа адамның дербес деректері',
    spam: 'спам',
    off_topic: 'тақырыпқа қатысы жоқ',
    duplicate: 'сол автордың қайталауы',
    other: 'басқа',
  },
  actions: { hide: 'жасыру', keep: 'ашық қалдыру' },
  hidden: 'Модератор {at} жасырды: {reason}.',
  hiddenForAuthor: 'Жұртшылықтан {at} жасырылды ({reason}); мәтінді тек сіз және модераторлар көресіз.',
  maskedNote: 'Бұл мәтіндегі ЖСН, телефон нөмірлері мен электрондық пошта мекенжайлары жұртшылықтан жасырылған.',
  hiddenCount: 'Модераторлар жасырған ескертулер: {n}',
};
