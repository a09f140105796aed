import type { documentation as en } from '../en/documentation';

export const documentation: typeof en = {
  stage2OpenEmail: {
    subject: (p) => `Екінші кезең ашылды: ${p.planTitle}`,
    text: (p) =>
      `Ұйымдастырушы сатып алу туралы хабарлама мен құжаттаманы жариялады. Олардың заңнамаға сәйкестігі туралы ескертулер ${p.closeDate} күнінің соңына дейін қабылданады.`,
  },
  noticeCorrectedEmail: {
    subject: (p) => `Түзетілген хабарлама: ${p.planTitle}`,
    text: 'Ұйымдастырушы сатып алу туралы хабарлама мен құжаттаманың түзетуін жариялады. Бұрынғы нұсқасы қолжетімді болып қалады.',
    reasonHeading: 'Түзету себебі',
  },
  translations: {
    tooManyDocuments: 'documents: хабарламадағы құжаттар берілгеннен аз',
    noReason: 'correctionReason: хабарламаның бұл нұсқасы түзету емес',
  },
};
