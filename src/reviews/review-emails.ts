import { Locale } from '../common/i18n/locale';
import { isLocale } from '../common/i18n/locale';
import { NewEmail } from '../notifications/outbox.service';
import { renderEmail } from '../notifications/email-layout';
import type { ConclusionResult } from './review-conclusion.entity';

export interface Recipient {
  id: string;
  email: string;
  locale: string;
  display_name: string;
}

export function recipientLocale(r: Recipient): Locale {
  return isLocale(r.locale) ? r.locale : 'ru';
}

const RESULT: Record<ConclusionResult, Record<Locale, string>> = {
  endorsed: { en: 'endorsed', ru: 'одобрено', kk: 'мақұлданды' },
  endorsed_with_recommendations: { en: 'endorsed with recommendations', ru: 'одобрено с рекомендациями', kk: 'ұсынымдармен мақұлданды' },
  objected: { en: 'objected', ru: 'возражение', kk: 'қарсылық' },
  no_majority: { en: 'no majority', ru: 'нет большинства', kk: 'көпшілік жоқ' },
  no_positions: { en: 'no positions recorded', ru: 'позиции не записаны', kk: 'ұстанымдар жазылмаған' },
};

export function conclusionEmail(
  r: Recipient,
  args: { conclusionId: string; planTitle: string; planUrl: string; result: ConclusionResult; quorum: boolean; positionsCount: number; membersCount: number },
): NewEmail {
  const locale = recipientLocale(r);
  const subject = { en: `Council conclusion: ${args.planTitle}`, ru: `Заключение совета: ${args.planTitle}`, kk: `Кеңес қорытындысы: ${args.planTitle}` }[locale];
  const quorum = {
    en: args.quorum ? 'Quorum: yes' : 'Quorum: no',
    ru: args.quorum ? 'Кворум: есть' : 'Кворум: нет',
    kk: args.quorum ? 'Кворум: бар' : 'Кворум: жоқ',
  }[locale];
  const line = {
    en: `The public council has published its conclusion on the hearing protocol: ${RESULT[args.result].en}. Positions: ${args.positionsCount} of ${args.membersCount} members. ${quorum}.`,
    ru: `Общественный совет опубликовал заключение по протоколу слушаний: ${RESULT[args.result].ru}. Позиции: ${args.positionsCount} из ${args.membersCount} членов. ${quorum}.`,
    kk: `Қоғамдық кеңес тыңдаулар хаттамасы бойынша қорытынды жариялады: ${RESULT[args.result].kk}. Ұстанымдар: ${args.membersCount} мүшенің ${args.positionsCount}. ${quorum}.`,
  }[locale];
  return {
    ...renderEmail({ locale, subject, greeting: greeting(locale, r.display_name), paragraphs: [line], link: { label: linkLabel(locale), url: args.planUrl } }),
    dedupeKey: `review-conclusion:${args.conclusionId}:${r.id}`,
    kind: 'review_conclusion',
    recipient: r.email,
    locale,
  };
}

export function responseEmail(
  r: Recipient,
  args: { responseId: string; planTitle: string; planUrl: string; recommendation: string; accepted: boolean; text: string; correction: boolean },
): NewEmail {
  const locale = recipientLocale(r);
  const subject = {
    en: `${args.correction ? 'Corrected response' : 'Response'} to your recommendation: ${args.planTitle}`,
    ru: `${args.correction ? 'Исправленный ответ' : 'Ответ'} на вашу рекомендацию: ${args.planTitle}`,
    kk: `Ұсынымыңызға ${args.correction ? 'түзетілген жауап' : 'жауап'}: ${args.planTitle}`,
  }[locale];
  const verdict = {
    en: args.accepted ? 'The organizer accepted your recommendation.' : 'The organizer rejected your recommendation.',
    ru: args.accepted ? 'Организатор принял вашу рекомендацию.' : 'Организатор отклонил вашу рекомендацию.',
    kk: args.accepted ? 'Ұйымдастырушы ұсынымыңызды қабылдады.' : 'Ұйымдастырушы ұсынымыңызды қабылдамады.',
  }[locale];
  const headings = { en: ['Your recommendation', 'Response'], ru: ['Ваша рекомендация', 'Ответ'], kk: ['Сіздің ұсынымыңыз', 'Жауап'] }[locale];
  return {
    ...renderEmail({
      locale,
      subject,
      greeting: greeting(locale, r.display_name),
      paragraphs: [verdict],
      quotes: [
        { heading: headings[0], text: args.recommendation },
        { heading: headings[1], text: args.text },
      ],
      link: { label: linkLabel(locale), url: args.planUrl },
    }),
    dedupeKey: `recommendation-response:${args.responseId}:${r.id}`,
    kind: 'recommendation_response',
    recipient: r.email,
    locale,
  };
}

export function greeting(locale: Locale, name: string): string {
  return { en: `Hello, ${name}!`, ru: `Здравствуйте, ${name}!`, kk: `Сәлеметсіз бе, ${name}!` }[locale];
}

export function linkLabel(locale: Locale): string {
  return { en: 'Open the discussion', ru: 'Открыть обсуждение', kk: 'Талқылауды ашу' }[locale];
}
