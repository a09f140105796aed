import { accountLinkEmail } from './account-link';

/** The link that confirms the address of a new account. */
export const verifyEmailEmail = accountLinkEmail((t) => t.identity.verifyEmail);
