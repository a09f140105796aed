import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface CouncilFormalFindingsEmail {
  name: string;
  planTitle: LocalizedText;
  planUrl: string;
  /** The organizer's queue of corrections. */
  queueUrl: string;
  answers: { stage: number; remark: string; answer: LocalizedText; votes: number; membersCount: number; correctionUrl: string }[];
}

const EXCERPT = 200;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

/** To the organizer's staff, once per conclusion: the answers the council found formal, each with the link to correct it. */
export const councilFormalFindingsEmail: EmailTemplate<CouncilFormalFindingsEmail> = (p, t, locale) => {
  const m = t.councilCheck.findingsEmail;
  return {
    subject: m.subject({ planTitle: p.planTitle.text(locale) }),
    greeting: t.reviews.email.greeting({ name: p.name }),
    paragraphs: [
      m.intro({ count: p.answers.length }),
      ...p.answers.map((a, i) =>
        m.item({ n: i + 1, stage: a.stage, remark: excerpt(a.remark), votes: a.votes, membersCount: a.membersCount, url: a.correctionUrl }),
      ),
      `${t.reviews.email.openDiscussion}: ${p.planUrl}`,
    ],
    quotes: p.answers.map((a, i) => ({ heading: m.answerHeading({ n: i + 1 }), text: a.answer })),
    link: { label: m.openQueue, url: p.queueUrl },
  };
};
