import type { AppConfig } from '../config/config';
import { EMAIL_KINDS, type EmailClass, type EmailKind } from './email-kinds';
import type { OutboxInsert, OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { UnsubscribeTokens } from './unsubscribe-token';

/** Every e-mail the service sends, why, and so whether it may carry List-Unsubscribe (README "Unsubscribing"). */
const CLASSIFICATION: [EmailKind, EmailClass, string][] = [
  ['verify_email', 'account', 'confirm the address of a new account'],
  ['password_reset', 'account', 'the reset link asked for'],
  ['account_exists', 'account', 'someone registered with an address that has an account'],
  ['answer', 'procedure', 'the answer to one’s own remark (domain: sent automatically to the author)'],
  ['answer_correction', 'procedure', 'a corrected answer to one’s own remark'],
  ['remark_hidden', 'procedure', 'one’s remark hidden by a moderator, with the appeal link'],
  ['remark_restored', 'procedure', 'one’s remark restored'],
  ['appeal_decided', 'procedure', 'the decision on one’s appeal'],
  ['commitment', 'procedure', 'a commitment about one’s remark, to confirm or dispute'],
  ['recommendation_response', 'procedure', 'the organizer’s response to one’s council recommendation'],
  ['stage1_closed', 'procedure', 'organizer staff: stage 1 closed, schedule the hearing'],
  ['stage2_closed', 'procedure', 'organizer staff: stage 2 closed, answers due'],
  ['answers_overdue', 'procedure', 'organizer staff: answers overdue'],
  ['hearing_overdue', 'procedure', 'organizer staff and council: no hearing by the deadline'],
  ['review_conclusion', 'procedure', 'organizer staff and council: the council’s conclusion'],
  ['council_formal_findings', 'procedure', 'organizer staff: answers the council found formal, to correct'],
  ['hearing_scheduled', 'news', 'followers, sign-ups, stage-1 participants'],
  ['hearing_rescheduled', 'news', 'followers, sign-ups, stage-1 participants'],
  ['hearing_cancelled', 'news', 'followers, sign-ups, stage-1 participants'],
  ['hearing_reminder', 'news', 'followers, sign-ups, stage-1 participants'],
  ['protocol_published', 'news', 'followers, sign-ups, stage-1 participants'],
  ['protocol_corrected', 'news', 'followers, sign-ups, stage-1 participants'],
  ['stage2_open', 'news', 'followers and remark authors'],
  ['notice_corrected', 'news', 'followers and remark authors'],
  ['outcome', 'news', 'followers and remark authors (to council members: their office, no link)'],
  ['outcome_corrected', 'news', 'followers and remark authors (to council members: their office, no link)'],
];

const USER = '11111111-1111-4111-8111-111111111111';
const PLAN = '22222222-2222-4222-8222-222222222222';
const config = {
  publicUrl: 'https://talqylau.example.kz',
  sessionSecret: 'test secret',
  dataDir: '/nonexistent',
  defaultLocale: 'ru',
} as AppConfig;

function service(): { outbox: OutboxService; rows: OutboxInsert[] } {
  const rows: OutboxInsert[] = [];
  const repository = {
    insert: async (_em: unknown, emails: OutboxInsert[]) => {
      rows.push(...emails);
      return emails.length;
    },
  } as unknown as OutboxRepository;
  return { outbox: new OutboxService(repository, new UnsubscribeTokens(config), config), rows };
}

const mail = (kind: EmailKind, withList: boolean) => ({
  dedupeKey: `${kind}:1`,
  kind,
  recipient: 'someone@example.kz',
  locale: 'kk',
  subject: 'S',
  text: 'Body\n\n--\nfooter',
  html: '<!doctype html><html><body><p>Body</p></body></html>',
  unsubscribe: withList ? { userId: USER, planId: PLAN } : undefined,
});

describe('e-mail kinds and List-Unsubscribe', () => {
  it('classifies every kind the service sends, and no other', () => {
    expect(Object.keys(EMAIL_KINDS).sort()).toEqual(CLASSIFICATION.map(([kind]) => kind).sort());
  });

  it.each(CLASSIFICATION)('%s is %s (%s)', async (kind, klass) => {
    expect(EMAIL_KINDS[kind]).toBe(klass);
    const { outbox, rows } = service();
    if (klass === 'news') {
      await outbox.enqueue({} as never, [mail(kind, true)]);
      // the page opens in the e-mail's language (kk here)
      const url = `https://talqylau.example.kz/unsubscribe?token=${new UnsubscribeTokens(config).sign({ userId: USER, planId: PLAN })}&lang=kk`;
      expect(rows[0].headers).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
      expect(rows[0].text).toContain(`Осы жоспардың жаңалықтарынан бас тарту: ${url}`);
      expect(rows[0].html).toContain(`<a href="${url.replace('&', '&amp;')}"`);
      expect(rows[0].html).toMatch(/<\/p>\n<\/body><\/html>$/);
    } else {
      // a required e-mail can never be given an unsubscribe link by mistake
      await expect(outbox.enqueue({} as never, [mail(kind, true)])).rejects.toThrow(/may not offer unsubscribing/);
    }
    const plain = service();
    await plain.outbox.enqueue({} as never, [mail(kind, false)]);
    expect(plain.rows[0].headers).toEqual({});
    expect(plain.rows[0].text).not.toContain('unsubscribe');
  });
});

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens(config);

  it('are URL-safe, name their person and plan, and verify without a table', () => {
    const token = tokens.sign({ userId: USER, planId: PLAN });
    expect(token).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(tokens.verify(token)).toEqual({ userId: USER, planId: PLAN });
  });

  it('refuse anything else', () => {
    const token = tokens.sign({ userId: USER, planId: PLAN });
    const other = new UnsubscribeTokens({ ...config, sessionSecret: 'other' }).sign({ userId: USER, planId: PLAN });
    for (const bad of [other, token.slice(1), `${token}A`, token.replace(/^./, (c) => (c === 'c' ? 'd' : 'c')), null, 42, '', 'a.b'])
      expect(tokens.verify(bad)).toBeNull();
  });
});
