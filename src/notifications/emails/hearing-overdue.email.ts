import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface HearingOverdueEmailParams {
  displayName: string;
  planTitle: LocalizedText;
  /** The last date on which the hearing could be held (YYYY-MM-DD). */
  deadline: string;
  url: string;
}

/** To the organizer's staff and the council: no hearing was held by its deadline. */
export const hearingOverdueEmail: EmailTemplate<HearingOverdueEmailParams> = (p, t, locale) => {
  const l = t.hearings.email;
  return {
    subject: `${l.overdueSubject}: ${p.planTitle.text(locale)}`.slice(0, 250),
    greeting: l.hello({ name: p.displayName }),
    paragraphs: [l.overdue({ deadline: p.deadline })],
    link: { label: l.open, url: p.url },
  };
};
