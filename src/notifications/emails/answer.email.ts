import { DateTime } from 'luxon';
import type { Catalogue } from '../../common/i18n/catalogue';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface AnswerEmailParams {
  displayName: string;
  planTitle: LocalizedText;
  /** The remark as its author wrote it (plain text in the remark's language). */
  remarkBody: string;
  /** Quoted in the recipient's language, or in another one marked with its language. */
  answerBody: LocalizedText;
  disposition: keyof Catalogue['remarks']['dispositions'];
  /** Set for a correction: its reason and the answer's new version. */
  correction: { reason: LocalizedText; version: number } | null;
  url: string;
  /** The author's verdict on this version: the form's link and the end of its window (shown in the organizer's zone). */
  verdict: { url: string; closesAt: Date; timeZone: string };
}

function local(instant: Date, zone: string): string {
  return `${DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm')} (${zone})`;
}

/**
 * The answer (or a correction of it) to a remark, e-mailed to the remark's author in the author's
 * language, with the invitation to call this version reasoned or formal (a correction asks again) and a
 * link to the verdict form. The answer and the reason are quoted in the author's language when they
 * exist in it, else in another version marked as such.
 */
export const answerEmail: EmailTemplate<AnswerEmailParams> = (p, t, locale) => {
  const l = t.remarks.answerEmail;
  const v = t.verdicts.email;
  const c = p.correction;
  const until = local(p.verdict.closesAt, p.verdict.timeZone);
  const planTitle = p.planTitle.text(locale);
  return {
    subject: c ? l.correctedSubject({ planTitle }) : l.subject({ planTitle }),
    greeting: l.greeting({ name: p.displayName }),
    paragraphs: [
      c ? l.correctedIntro({ planTitle, version: c.version }) : l.intro({ planTitle }),
      l.disposition({ word: t.remarks.dispositions[p.disposition] }),
      c ? v.askAgain({ version: c.version, until }) : v.invite({ until }),
      v.notAppeal,
      v.discussion({ url: p.url }),
    ],
    quotes: [
      { heading: l.remark, text: p.remarkBody },
      { heading: l.answer, text: p.answerBody },
      ...(c ? [{ heading: l.reason, text: c.reason }] : []),
    ],
    link: { label: v.link, url: p.verdict.url },
  };
};
