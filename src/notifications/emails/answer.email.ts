import type { Catalogue } from '../../common/i18n/catalogue';
import type { EmailTemplate } from './render';

export interface AnswerEmailParams {
  displayName: string;
  planTitle: string;
  remarkBody: string;
  answerBody: string;
  disposition: keyof Catalogue['remarks']['dispositions'];
  /** Set for a correction: its reason and the answer's new version. */
  correction: { reason: string; version: number } | null;
  url: string;
}

/** The answer (or a correction of it) to a remark, e-mailed to the remark's author. */
export const answerEmail: EmailTemplate<AnswerEmailParams> = (p, t) => {
  const l = t.remarks.answerEmail;
  const c = p.correction;
  return {
    subject: c ? l.correctedSubject(p) : l.subject(p),
    greeting: l.greeting({ name: p.displayName }),
    paragraphs: [
      c ? l.correctedIntro({ planTitle: p.planTitle, version: c.version }) : l.intro(p),
      l.disposition({ word: t.remarks.dispositions[p.disposition] }),
    ],
    quotes: [
      { heading: l.remark, text: p.remarkBody },
      { heading: l.answer, text: p.answerBody },
      ...(c ? [{ heading: l.reason, text: c.reason }] : []),
    ],
    link: { label: l.link, url: p.url },
  };
};
