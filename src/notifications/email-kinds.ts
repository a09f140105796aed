/**
 * Why each e-mail is sent, which decides whether it carries List-Unsubscribe (RFC 2369, RFC 8058):
 * - `account`: the account needs it (verify the address, reset the password, "you already have an
 *   account"): always sent, no unsubscribe.
 * - `procedure`: the procedure owes it to this person for something of their own or a duty of their
 *   office (the answer to one's remark, moderation of it, a commitment about it, the response to one's
 *   recommendation, deadlines and findings for the organizer's staff and the council): always sent,
 *   no unsubscribe.
 * - `news`: news of a plan that a person follows, signed up for or took part in, which they can do
 *   without (hearing scheduled, moved, cancelled, the reminder, the protocol, stage 2 open, notice
 *   corrected, the outcome): carries List-Unsubscribe for that plan's news. The outcome also goes to
 *   the members of the overseeing council as their office's news: to them it is `procedure` and carries
 *   none (the enqueuer passes no `unsubscribe` for them).
 */
export type EmailClass = 'account' | 'procedure' | 'news';

export const EMAIL_KINDS = {
  // account
  verify_email: 'account',
  password_reset: 'account',
  account_exists: 'account',
  // procedure: to the person concerned
  answer: 'procedure',
  answer_correction: 'procedure',
  remark_hidden: 'procedure',
  remark_restored: 'procedure',
  appeal_decided: 'procedure',
  commitment: 'procedure',
  recommendation_response: 'procedure',
  // procedure: duties of the organizer's staff and the council
  stage1_closed: 'procedure',
  stage2_closed: 'procedure',
  answers_overdue: 'procedure',
  hearing_overdue: 'procedure',
  review_conclusion: 'procedure',
  council_formal_findings: 'procedure',
  // news of a plan
  hearing_scheduled: 'news',
  hearing_rescheduled: 'news',
  hearing_cancelled: 'news',
  hearing_reminder: 'news',
  protocol_published: 'news',
  protocol_corrected: 'news',
  stage2_open: 'news',
  notice_corrected: 'news',
  outcome: 'news',
  outcome_corrected: 'news',
} as const satisfies Record<string, EmailClass>;

export type EmailKind = keyof typeof EMAIL_KINDS;

export function emailClassOf(kind: EmailKind): EmailClass {
  return EMAIL_KINDS[kind];
}
