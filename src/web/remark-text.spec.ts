import { LocalizedText } from '../common/i18n/localized-text';
import { PUBLIC_READER } from '../remarks/remark-moderation';
import type { PageUser } from './layout';
import { pageContext } from './layout';
import { answerTextFor, hiddenStatement, organizerReader, pageReader, reasonTextFor, remarkTextHtml } from './remark-text';

const AUTHOR = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const user = (id: string, role: string, organizationId: string | null = null): PageUser => ({
  id,
  displayName: 'x',
  role,
  organizationId,
  emailVerified: true,
});
const PHONE = '8 701 234 56 78';
const remark = (hidden: boolean) => ({
  author_id: AUTHOR,
  body: `Call <b>${PHONE}</b>`,
  hidden_at: hidden ? new Date('2027-03-03T08:00:00Z') : null,
  hidden_reason: hidden ? 'spam' : null,
  language: 'en',
});

describe('remark texts on the pages (issue 16)', () => {
  const en = (u: PageUser | null) => pageContext('en', false, '/', u);

  it('the public reads the masked text, escaped, told that personal data was masked there', () => {
    const out = String(remarkTextHtml(en(null), remark(false), PUBLIC_READER, 'Asia/Almaty'));
    expect(out).toContain('Call &lt;b&gt;• ••• ••• •• ••&lt;/b&gt;');
    expect(out).not.toContain('701');
    expect(out).toContain(
      '<p class="meta masked-note">Personal data in this remark (identity numbers, phone numbers, e-mail addresses) is masked: •••.</p>',
    );
    expect(out).not.toContain('masked for the public');
    const plain = String(remarkTextHtml(en(null), { ...remark(false), body: 'No personal data here' }, PUBLIC_READER, 'Asia/Almaty'));
    expect(plain).not.toContain('masked-note');
  });

  it('the author, the organizer and a moderator read the original with the note that the public reads it masked', () => {
    for (const u of [user(AUTHOR, 'citizen'), user('o', 'organizer', ORG), user('m', 'moderator'), user('a', 'admin')]) {
      const ctx = en(u);
      const out = String(remarkTextHtml(ctx, remark(false), pageReader(ctx, ORG), 'Asia/Almaty'));
      expect(out).toContain(PHONE);
      expect(out).toContain('masked for the public');
    }
    const elsewhere = en(user('o', 'organizer', 'another'));
    expect(String(remarkTextHtml(elsewhere, remark(false), pageReader(elsewhere, ORG), 'Asia/Almaty'))).not.toContain(PHONE);
    const own = en(user('o', 'organizer', ORG));
    expect(organizerReader(own)).toEqual(pageReader(own, ORG));
  });

  it('a hidden remark: when and why for the public and the organizer; the text with the hidden note for its author and moderators', () => {
    const statement = 'Hidden by a moderator on <time datetime="2027-03-03T13:00:00+05:00">3 March 2027 at 13:00</time>: spam.';
    for (const u of [null, user('c', 'citizen'), user('o', 'organizer', ORG), user('k', 'council_member')]) {
      const ctx = en(u);
      const out = String(remarkTextHtml(ctx, remark(true), pageReader(ctx, ORG), 'Asia/Almaty'));
      expect(out).toContain('class="hidden-remark"');
      expect(out).not.toContain('Call');
    }
    expect(hiddenStatement(en(null), { reason: 'spam', at: '2027-03-03T08:00:00.000Z' }, 'Asia/Almaty').toString()).toBe(statement);
    expect(hiddenStatement(en(null), { reason: 'spam', at: '2027-03-03T08:00:00.000Z' }, null).toString()).toContain(
      '<time datetime="2027-03-03">3 March 2027</time>',
    );
    for (const u of [user(AUTHOR, 'citizen'), user('m', 'moderator')]) {
      const ctx = en(u);
      const out = String(remarkTextHtml(ctx, remark(true), pageReader(ctx, ORG), 'Asia/Almaty'));
      expect(out).toContain(PHONE);
      expect(out).toContain('Hidden from the public on <time datetime="2027-03-03T13:00:00+05:00">3 March 2027');
    }
  });

  it('answers and reasons are masked for all but the author, the organizer and moderators', () => {
    const answer = LocalizedText.single(`Call ${PHONE}`, 'ru');
    expect(answerTextFor(answer, AUTHOR, PUBLIC_READER)!.ru).not.toContain('701');
    expect(answerTextFor(answer, AUTHOR, { userId: AUTHOR, organizer: false, moderator: false })!.ru).toContain(PHONE);
    expect(reasonTextFor(`x ${PHONE}`, AUTHOR, { userId: 'other', organizer: false, moderator: false })).not.toContain('701');
    expect(reasonTextFor(null, AUTHOR, PUBLIC_READER)).toBeNull();
  });
});
