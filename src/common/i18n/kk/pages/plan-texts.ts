import type { planTexts as en } from '../../en/pages/plan-texts';

export const planTexts: typeof en = {
  changeDraft: 'Жобаны өзгерту',
  editTitle: 'Жобаны өзгерту',
  editIntro: 'Жобаны тек сіздің ұйымыңыз көреді. Жарияламас бұрын сатып алу нысанасы мен мәліметтерді қазақ және орыс тілдерінде жазыңыз.',
  saveChanges: 'Өзгерістерді сақтау',
  draftSaved: 'Жоба сақталды.',
  publishNeedsTranslations: 'Жарияламас бұрын жетіспейтін аудармаларды қосыңыз.',
  publishRefused: 'Жоспарды әзірге жариялауға болмайды: атауы мен сипаттамасы қазақ және орыс тілдерінде қажет.',
  addTranslations: 'Аударма қосу',
  translationsTitle: 'Аудармалар',
  translationsIntro: 'Әлі жоқ тілдерді қосыңыз. Аударма жарияланған мәтінді өзгертпейді, жаңа нұсқа жасамайды және хат жібермейді.',
  translationsButton: 'Аудармаларды сақтау',
  translationsSaved: 'Аудармалар сақталды.',
  nothingMissing: 'Барлық мәтін қазақ және орыс тілдерінде бар.',
  translationsOf: 'Аудармалар: {name}',
  translationExists: 'Бұл тілде басқа мәтін бар. Жарияланған мәтінді өзгерту — аударма емес, түзету.',
};
