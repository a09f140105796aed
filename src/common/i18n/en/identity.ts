/** English texts of the "identity" section; ru and kk are typed by this object. */
export const identity = {
  /** The greeting of the account e-mails. */
  emailGreeting: ({ name }: { name: string }) => `Hello ${name},`,
  /** The e-mail with the link that confirms an address (notifications/emails/verify-email.email.ts). */
  verifyEmail: {
    subject: 'Confirm your e-mail address',
    intro: 'Thank you for registering with talqylau. To leave remarks, please confirm your e-mail address.',
    expiry: 'The link works for 48 hours and only once.',
    label: 'Confirm the address',
    ignore: 'If you did not register, simply ignore this message.',
  },
  /** The e-mail with the password reset link (notifications/emails/password-reset.email.ts). */
  passwordReset: {
    subject: 'Reset your password',
    intro: 'Someone asked to reset the password of your talqylau account.',
    expiry: 'The link works for 1 hour and only once.',
    label: 'Set a new password',
    ignore: 'If it was not you, ignore this message: your password stays the same.',
  },
  /** To the owner of an address someone tried to register again (notifications/emails/account-exists.email.ts). */
  accountExists: {
    subject: 'Your talqylau account',
    intro:
      'Someone tried to register a new talqylau account with this e-mail address. The address already has an account, so no new one was made.',
    forgot: ({ url }: { url: string }) => `If it was you and you have forgotten your password, set a new one: ${url}`,
    ignore: 'If it was not you, ignore this message: your account stays as it is.',
    label: 'Sign in',
  },
};
