import type { outcomes as en } from '../en/outcomes';

export const outcomes: typeof en = {
  decision: {
    proceed: 'сатып алуды жалғастыру',
    amend: 'жоспарды немесе құжаттаманы өзгерту',
    cancel: 'сатып алудан бас тарту',
  },
  outcomeEmail: {
    subject: (p) => `Талқылау қорытындысы: ${p.planTitle}`,
    text: (p) =>
      `Талқылау аяқталды. Ұйымдастырушының шешімі: ${p.decision}. Есепте әр ескерту мен ұсынымның қалай ескерілгені көрсетілген.`,
    summaryHeading: 'Қысқаша мазмұны',
  },
  outcomeCorrectedEmail: {
    subject: (p) => `Түзетілген қорытынды: ${p.planTitle}`,
    text: (p) => `Ұйымдастырушы қорытындыны түзетті; бұрынғы нұсқасы қолжетімді болып қалады. Енді шешім: ${p.decision}.`,
    reasonHeading: 'Түзету себебі',
  },
  translations: {
    noReason: 'correctionReason: шешімнің бұл нұсқасы түзету емес',
  },
};
