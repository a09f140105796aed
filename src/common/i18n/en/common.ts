/** English texts of the "common" section; ru and kk are typed by this object. */
export const common = {
  /** The last line of every e-mail (notifications/email-layout.ts). */
  emailFooter: 'This message was sent by talqylau, the public discussion of procurement.',
};
