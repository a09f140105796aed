import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface CommitmentEmailParams {
  displayName: string;
  /** In the recipient's language (another version when theirs is missing). */
  planTitle: LocalizedText;
  remarkBody: string;
  version: number;
  status: 'implemented' | 'not_implemented';
  document: string | null;
  location: string | null;
  explanation: string;
  /** The last day the author may confirm or dispute (YYYY-MM-DD, the organizer's time zone). */
  closeDate: string;
  url: string;
}

/** A commitment version (where the documentation keeps an accepted remark, or why not), to the remark's author. */
export const commitmentEmail: EmailTemplate<CommitmentEmailParams> = (p, t, locale) => {
  const l = t.commitments.email;
  const planTitle = p.planTitle.text(locale);
  return {
    subject: p.version > 1 ? l.subjectVersion({ ...p, planTitle }) : l.subject({ ...p, planTitle }),
    greeting: t.reviews.email.greeting({ name: p.displayName }),
    paragraphs: [
      p.version > 1 ? l.introVersion({ ...p, planTitle }) : l.intro({ ...p, planTitle }),
      l.status({ status: t.commitments.statuses[p.status] }),
      ...(p.status === 'implemented' && p.document && p.location ? [l.where({ document: p.document, location: p.location })] : []),
      l.invite({ date: p.closeDate }),
    ],
    quotes: [
      { heading: l.remark, text: p.remarkBody },
      { heading: l.explanation, text: p.explanation },
    ],
    link: { label: l.link, url: p.url },
  };
};
