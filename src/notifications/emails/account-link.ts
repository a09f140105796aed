import type { Catalogue } from '../../common/i18n/catalogue';
import type { EmailTemplate } from './render';

export interface AccountLinkParams {
  displayName: string;
  /** The single-use link. */
  url: string;
}

type AccountLinkTexts = Catalogue['identity']['verifyEmail'];

/** The shape of the account e-mails: greeting, what the link does, how long it works, the link. */
export function accountLinkEmail(pick: (t: Catalogue) => AccountLinkTexts): EmailTemplate<AccountLinkParams> {
  return ({ displayName, url }, t) => {
    const m = pick(t);
    return {
      subject: m.subject,
      greeting: t.identity.emailGreeting({ name: displayName }),
      paragraphs: [m.intro, m.expiry, m.ignore],
      link: { label: m.label, url },
    };
  };
}
