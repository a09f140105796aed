/** English texts of unsubscribing from a plan's news (e-mail footer and the /unsubscribe page); ru and kk are typed by this object. */
export const unsubscribe = {
  /** Above the link at the foot of a news e-mail. */
  emailWhy: 'You get news of this plan because you follow it, signed up for its hearing or took part in its discussion.',
  emailLink: 'Unsubscribe from news of this plan',
  pageTitle: 'Unsubscribe from news of a plan',
  pageIntro: 'E-mails to {email} about this plan will stop:',
  planLabel: 'Plan',
  stops: [
    'the hearing: scheduled, moved or cancelled, and the reminder the day before;',
    'the hearing protocol and its corrections;',
    'the opening of stage 2 and corrections of the notice;',
    'the outcome of the discussion.',
  ],
  keeps:
    'You will still get what the procedure owes you personally: the answer to each of your remarks, decisions about them and the commitments made on them.',
  button: 'Unsubscribe',
  doneTitle: 'You are unsubscribed',
  done: 'No more news of this plan will be e-mailed to {email}. You no longer follow it.',
  restore: 'Changed your mind? Follow the plan again on its page (sign in first).',
  planLink: 'Open the plan',
};
