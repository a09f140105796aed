import { accountLinkEmail } from './account-link';

/** The link that sets a new password. */
export const passwordResetEmail = accountLinkEmail((t) => t.identity.passwordReset);
