/** English texts of the "common" section; ru and kk are typed by this object. */
export const common = {
  /** The last line of every e-mail (notifications/email-layout.ts). */
  emailFooter: 'This message was sent by talqylau, the public discussion of procurement.',
  /** Names of the content languages, for notes and form labels. */
  languageNames: { kk: 'Kazakh', ru: 'Russian', en: 'English' },
  /** Beside a text shown in another language because the reader's is missing. */
  onlyIn: ({ language }: { language: string }) => `(no translation yet; shown in ${language})`,
};
