import { isLocale, Locale } from '../common/i18n/locale';
import { renderEmail, RenderedEmail } from '../notifications/email-layout';
import { Disposition } from './answer.entity';

/** The disposition words of glossary.md. */
export const DISPOSITION_WORDS: Record<Disposition, Record<Locale, string>> = {
  accepted: { kk: 'ескерілді', ru: 'учтено', en: 'accepted' },
  partially_accepted: { kk: 'ішінара ескерілді', ru: 'учтено частично', en: 'partially accepted' },
  rejected: { kk: 'қабылданбады', ru: 'отклонено', en: 'rejected' },
  explained: { kk: 'түсіндірме берілді', ru: 'дано разъяснение', en: 'explained' },
};

export interface AnswerEmailInput {
  locale: string;
  displayName: string;
  planTitle: string;
  remarkBody: string;
  answerBody: string;
  disposition: Disposition;
  correction: { reason: string; version: number } | null;
  url: string;
}

/** The answer (or a correction of it) to a remark, e-mailed to the remark's author in their language. */
export function renderAnswerEmail(input: AnswerEmailInput): RenderedEmail & { locale: Locale } {
  const locale: Locale = isLocale(input.locale) ? input.locale : 'ru';
  const word = DISPOSITION_WORDS[input.disposition][locale];
  const c = input.correction;
  const texts: Record<Locale, { subject: string; greeting: string; intro: string; disposition: string; remark: string; answer: string; reason: string; link: string }> = {
    kk: {
      subject: c ? `Ескертуіңізге жауап түзетілді: ${input.planTitle}` : `Ескертуіңізге жауап: ${input.planTitle}`,
      greeting: `Құрметті ${input.displayName}!`,
      intro: c
        ? `Ұйымдастырушы «${input.planTitle}» сатып алу туралы ақпарат бойынша ескертуіңізге берілген жауапты түзетті (${c.version}-нұсқа).`
        : `Ұйымдастырушы «${input.planTitle}» сатып алу туралы ақпарат бойынша ескертуіңізге жауап жариялады.`,
      disposition: `Шешім: ${word}.`,
      remark: 'Сіздің ескертуіңіз',
      answer: 'Ұйымдастырушының жауабы',
      reason: 'Түзету себебі',
      link: 'Талқылауды ашу',
    },
    ru: {
      subject: c ? `Ответ на ваше замечание исправлен: ${input.planTitle}` : `Ответ на ваше замечание: ${input.planTitle}`,
      greeting: `Здравствуйте, ${input.displayName}!`,
      intro: c
        ? `Организатор исправил ответ на ваше замечание по информации о закупке «${input.planTitle}» (версия ${c.version}).`
        : `Организатор опубликовал ответ на ваше замечание по информации о закупке «${input.planTitle}».`,
      disposition: `Решение: ${word}.`,
      remark: 'Ваше замечание',
      answer: 'Ответ организатора',
      reason: 'Причина исправления',
      link: 'Открыть обсуждение',
    },
    en: {
      subject: c ? `The answer to your remark was corrected: ${input.planTitle}` : `Answer to your remark: ${input.planTitle}`,
      greeting: `Dear ${input.displayName},`,
      intro: c
        ? `The organizer corrected the answer to your remark on the procurement "${input.planTitle}" (version ${c.version}).`
        : `The organizer published an answer to your remark on the procurement "${input.planTitle}".`,
      disposition: `Disposition: ${word}.`,
      remark: 'Your remark',
      answer: "The organizer's answer",
      reason: 'Reason for the correction',
      link: 'Open the discussion',
    },
  };
  const l = texts[locale];
  const quotes = [
    { heading: l.remark, text: input.remarkBody },
    { heading: l.answer, text: input.answerBody },
    ...(c ? [{ heading: l.reason, text: c.reason }] : []),
  ];
  return { locale, ...renderEmail({ locale, subject: l.subject, greeting: l.greeting, paragraphs: [l.intro, l.disposition], quotes, link: { label: l.link, url: input.url } }) };
}
