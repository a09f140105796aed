import { LocalizedText } from '../common/i18n/localized-text';
import { PUBLIC_READER, publicLocalizedFor, publicTextFor, remarkDuplicateKey, remarkReader, remarkTextFor } from './remark-moderation';

const AUTHOR = 'a0000000-0000-4000-8000-000000000001';
const ORG = 'o0000000-0000-4000-8000-000000000001';
const BODY = 'Звоните 8 701 123 45 67, цена завышена';
const MASKED = 'Звоните • ••• ••• •• ••, цена завышена';
const visible = { authorId: AUTHOR, body: BODY, hiddenAt: null, hiddenReason: null };
const hidden = { authorId: AUTHOR, body: BODY, hiddenAt: new Date('2026-12-01T10:00:00Z'), hiddenReason: 'insult' as const };

const author = remarkReader({ id: AUTHOR, role: 'citizen', organizationId: null }, ORG);
const stranger = remarkReader({ id: 'someone', role: 'citizen', organizationId: null }, ORG);
const organizer = remarkReader({ id: 'org-user', role: 'organizer', organizationId: ORG }, ORG);
const otherOrganizer = remarkReader({ id: 'org-user-2', role: 'organizer', organizationId: 'another' }, ORG);
const moderator = remarkReader({ id: 'mod', role: 'moderator', organizationId: null }, ORG);
const admin = remarkReader({ id: 'adm', role: 'admin', organizationId: null }, ORG);
const council = remarkReader({ id: 'cm', role: 'council_member', organizationId: null }, ORG);

describe('remarkTextFor', () => {
  it.each([
    ['the public', PUBLIC_READER, MASKED],
    ['another citizen', stranger, MASKED],
    ['a council member', council, MASKED],
    ["another plan's organizer", otherOrganizer, MASKED],
    ['the author', author, BODY],
    ["the plan's organizer", organizer, BODY],
    ['a moderator', moderator, BODY],
    ['an administrator', admin, BODY],
  ])('a public remark: %s reads it %#', (_, reader, expected) => {
    expect(remarkTextFor(visible, reader)).toEqual({ body: expected, hidden: null, masked: true });
  });

  it.each([
    ['the public', PUBLIC_READER, null],
    ['another citizen', stranger, null],
    ["the plan's organizer", organizer, null],
    ['a council member', council, null],
    ['the author', author, BODY],
    ['a moderator', moderator, BODY],
    ['an administrator', admin, BODY],
  ])('a hidden remark: %s reads %#', (_, reader, expected) => {
    expect(remarkTextFor(hidden, reader)).toEqual({
      body: expected,
      hidden: { reason: 'insult', at: '2026-12-01T10:00:00.000Z' },
      masked: true,
    });
  });

  it('says nothing is masked when the text has no personal data', () => {
    expect(remarkTextFor({ ...visible, body: 'БИН 940240000438' }, PUBLIC_READER)).toEqual({
      body: 'БИН 940240000438',
      hidden: null,
      masked: false,
    });
  });
});

describe('publicTextFor and publicLocalizedFor (answers, verdict reasons)', () => {
  it('masks for everyone but the remark author, the organizer and moderators', () => {
    expect(publicTextFor(BODY, AUTHOR, PUBLIC_READER)).toBe(MASKED);
    expect(publicTextFor(BODY, AUTHOR, council)).toBe(MASKED);
    expect(publicTextFor(BODY, AUTHOR, author)).toBe(BODY);
    expect(publicTextFor(BODY, AUTHOR, organizer)).toBe(BODY);
    expect(publicTextFor(BODY, AUTHOR, moderator)).toBe(BODY);
    const answer = LocalizedText.of({ ru: BODY, kk: 'Қоңырау: +77011234567' })!;
    expect(publicLocalizedFor(answer, AUTHOR, PUBLIC_READER).toJSON()).toEqual({ ru: MASKED, kk: 'Қоңырау: +•••••••••••', en: null });
    expect(publicLocalizedFor(answer, AUTHOR, organizer)).toBe(answer);
    expect(publicLocalizedFor(null, AUTHOR, PUBLIC_READER)).toBeNull();
  });
});

describe('remarkDuplicateKey', () => {
  it('is the same for the same text in another case, spacing or Unicode form', () => {
    const key = remarkDuplicateKey('Цена  завышена\nна 20%');
    expect(remarkDuplicateKey('  цена завышена на 20%  ')).toBe(key);
    expect(remarkDuplicateKey('ЦЕНА\u200b ЗАВЫШЕНА  НА 20％')).toBe(key);
    expect(remarkDuplicateKey('Цена завышена на 30%')).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});
