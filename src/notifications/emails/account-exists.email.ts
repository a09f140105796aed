import type { EmailTemplate } from './render';

export interface AccountExistsParams {
  displayName: string;
  /** The sign-in page. */
  signInUrl: string;
  /** The page that e-mails a password reset link. */
  resetUrl: string;
}

/**
 * To the owner of an address that someone tried to register again: no second account was made, and
 * how to get into the first. Registration answers such an attempt as it answers a new address.
 */
export const accountExistsEmail: EmailTemplate<AccountExistsParams> = (p, t) => {
  const m = t.identity.accountExists;
  return {
    subject: m.subject,
    greeting: t.identity.emailGreeting({ name: p.displayName }),
    paragraphs: [m.intro, m.forgot({ url: p.resetUrl }), m.ignore],
    link: { label: m.label, url: p.signInUrl },
  };
};
