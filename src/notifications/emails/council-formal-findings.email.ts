import type { LocalizedText } from '../../common/i18n/localized-text';
import { maskPersonalData } from '../../common/personal-data';
import { interpolate } from '../../common/i18n/locale';
import type { EmailTemplate } from './render';

export interface CouncilFormalFindingsEmail {
  name: string;
  planTitle: LocalizedText;
  planUrl: string;
  /** The organizer's queue of corrections. */
  queueUrl: string;
  /**
   * `remark` is already masked (the staff are not the remark's author): personal data never leaves in
   * an e-mail to anyone but the author; a hidden remark is not quoted (`hidden`: when and why).
   */
  answers: {
    stage: number;
    remark: string;
    hidden?: { reason: string; at: string } | null;
    answer: LocalizedText;
    votes: number;
    membersCount: number;
    correctionUrl: string;
  }[];
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
        m.item({
          n: i + 1,
          stage: a.stage,
          remark: a.hidden
            ? interpolate(t.moderation.hidden, {
                at: a.hidden.at.slice(0, 10),
                reason: t.moderation.reasons[a.hidden.reason] ?? a.hidden.reason,
              })
            : excerpt(maskPersonalData(a.remark)),
          votes: a.votes,
          membersCount: a.membersCount,
          url: a.correctionUrl,
        }),
      ),
      `${t.reviews.email.openDiscussion}: ${p.planUrl}`,
    ],
    quotes: p.answers.map((a, i) => ({ heading: m.answerHeading({ n: i + 1 }), text: a.answer.map(maskPersonalData) })),
    link: { label: m.openQueue, url: p.queueUrl },
  };
};
