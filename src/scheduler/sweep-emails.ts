import { isLocale, Locale } from '../common/i18n/locale';
import { renderEmail, RenderedEmail } from '../notifications/email-layout';

function pick(locale: string): Locale {
  return isLocale(locale) ? locale : 'ru';
}

export function renderStage1ClosedEmail(input: {
  locale: string;
  planTitle: string;
  remarks: number;
  unanswered: number;
  hearingDeadlineDate: string | null;
  url: string;
}): RenderedEmail & { locale: Locale } {
  const locale = pick(input.locale);
  const by = input.hearingDeadlineDate ?? '-';
  const t = {
    kk: {
      subject: `Бірінші кезең аяқталды: ${input.planTitle}`,
      p: [
        `«${input.planTitle}» бойынша қоғамдық талқылаудың бірінші кезеңі аяқталды. Ескертулер: ${input.remarks}, оның ішінде жауапсыз: ${input.unanswered}.`,
        `Бетпе-бет көпшілік тыңдаулар ${by} күнінен кешіктірілмей, жұмыс күні өткізілуі тиіс.`,
      ],
      link: 'Талқылауды ашу',
    },
    ru: {
      subject: `Первый этап завершён: ${input.planTitle}`,
      p: [
        `Первый этап общественного обсуждения «${input.planTitle}» завершён. Замечаний: ${input.remarks}, из них без ответа: ${input.unanswered}.`,
        `Очные публичные слушания должны быть проведены не позднее ${by}, в рабочий день.`,
      ],
      link: 'Открыть обсуждение',
    },
    en: {
      subject: `Stage one closed: ${input.planTitle}`,
      p: [
        `Stage one of the public discussion of "${input.planTitle}" has closed. Remarks: ${input.remarks}, unanswered: ${input.unanswered}.`,
        `The in-person public hearing must be held by ${by}, on a working day.`,
      ],
      link: 'Open the discussion',
    },
  }[locale];
  return { locale, ...renderEmail({ locale, subject: t.subject, paragraphs: t.p, link: { label: t.link, url: input.url } }) };
}

export function renderStage2ClosedEmail(input: {
  locale: string;
  planTitle: string;
  remarks: number;
  unanswered: number;
  answersDueDate: string;
  url: string;
}): RenderedEmail & { locale: Locale } {
  const locale = pick(input.locale);
  const by = input.answersDueDate;
  const t = {
    kk: {
      subject: `Екінші кезең аяқталды: ${input.planTitle}`,
      p: [
        `«${input.planTitle}» бойынша қоғамдық талқылаудың екінші кезеңі аяқталды. Ескертулер: ${input.remarks}, оның ішінде жауапсыз: ${input.unanswered}.`,
        `Барлық ескертулерге ${by} дейін жауап беру керек.`,
      ],
      link: 'Талқылауды ашу',
    },
    ru: {
      subject: `Второй этап завершён: ${input.planTitle}`,
      p: [
        `Второй этап общественного обсуждения «${input.planTitle}» завершён. Замечаний: ${input.remarks}, из них без ответа: ${input.unanswered}.`,
        `Ответы на все замечания должны быть опубликованы до ${by}.`,
      ],
      link: 'Открыть обсуждение',
    },
    en: {
      subject: `Stage two closed: ${input.planTitle}`,
      p: [
        `Stage two of the public discussion of "${input.planTitle}" has closed. Remarks: ${input.remarks}, unanswered: ${input.unanswered}.`,
        `Answers to all remarks are due by ${by}.`,
      ],
      link: 'Open the discussion',
    },
  }[locale];
  return { locale, ...renderEmail({ locale, subject: t.subject, paragraphs: t.p, link: { label: t.link, url: input.url } }) };
}

export function renderOverdueDigestEmail(input: { locale: string; planTitle: string; overdue: number; url: string }): RenderedEmail & { locale: Locale } {
  const locale = pick(input.locale);
  const t = {
    kk: {
      subject: `Жауап беру мерзімі өтті: ${input.planTitle}`,
      p: [`«${input.planTitle}» бойынша ${input.overdue} ескертуге жауап беру мерзімі өтті. Кешіккен жауаптар жария түрде белгіленеді.`],
      link: 'Ескертулерге жауап беру',
    },
    ru: {
      subject: `Срок ответа истёк: ${input.planTitle}`,
      p: [`По «${input.planTitle}» истёк срок ответа на замечания: ${input.overdue}. Ответы с опозданием публично отмечаются как просроченные.`],
      link: 'Ответить на замечания',
    },
    en: {
      subject: `Answers overdue: ${input.planTitle}`,
      p: [`The answer deadline has passed for ${input.overdue} remark(s) on "${input.planTitle}". Late answers are publicly marked late.`],
      link: 'Answer the remarks',
    },
  }[locale];
  return { locale, ...renderEmail({ locale, subject: t.subject, paragraphs: t.p, link: { label: t.link, url: input.url } }) };
}
