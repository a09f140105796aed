import type { LocalizedText } from '../../common/i18n/localized-text';
import type { EmailTemplate } from './render';

export interface HearingProtocolEmailParams {
  displayName: string;
  planTitle: LocalizedText;
  /** 1 for the protocol, higher for a correction. */
  version: number;
  /** Quoted in the recipient's language, or marked with its own. */
  summary: LocalizedText;
  url: string;
}

/** The hearing's protocol published or corrected. */
export const hearingProtocolEmail: EmailTemplate<HearingProtocolEmailParams> = (p, t, locale) => {
  const l = t.hearings.email;
  const subject = `${p.version > 1 ? l.protocolCorrected : l.protocolPublished}: ${p.planTitle.text(locale)}`.slice(0, 250);
  return {
    subject,
    greeting: l.hello({ name: p.displayName }),
    paragraphs: [subject],
    quotes: [{ heading: '—', text: p.summary }],
    link: { label: l.open, url: p.url },
  };
};
