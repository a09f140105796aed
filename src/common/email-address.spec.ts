import fc from 'fast-check';
import { emailIdentity, emailKey } from './email-address';

/** Default-ignorable code points: each shows nothing (zero-width, joiners, variation selectors, soft hyphen, fillers, tags). */
const IGNORABLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\ufe0f',
  '\ufe00',
  '\u00ad',
  '\u034f',
  '\u180e',
  '\u2061',
  '\u{e0041}',
  '\u3164',
  '\uffa0',
  '\u17b4',
  '\u200e',
];
/** What must be refused wherever it stands: controls, separators, a format character that is not ignorable, the blank braille pattern. */
const REFUSED = ['\u0001', '\u0007', '\u007f', '\u0085', '\u2028', '\u2029', '\u0600', '\u2800', ' ', '\u00a0\u00a0x'];

/** One character written another way that NFKC and lower-casing bring back: upper case, fullwidth, mathematical bold, circled. */
function respell(c: string, form: number): string {
  const code = c.codePointAt(0)!;
  const letter = /[a-z]/.test(c);
  switch (form) {
    case 1:
      return c.toUpperCase();
    case 2:
      return code >= 0x21 && code <= 0x7e ? String.fromCodePoint(code + 0xfee0) : c;
    case 3:
      return letter ? String.fromCodePoint(0x1d41a + code - 0x61) : c;
    case 4:
      return letter ? String.fromCodePoint(0x24d0 + code - 0x61) : c;
    default:
      return c;
  }
}

/** Variants of one address: every character respelled or not, with ignorable characters anywhere. */
function variantOf(address: string): fc.Arbitrary<string> {
  const chars = [...address];
  return fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: chars.length, maxLength: chars.length }),
      fc.array(fc.option(fc.constantFrom(...IGNORABLE), { freq: 3 }), { minLength: chars.length + 1, maxLength: chars.length + 1 }),
    )
    .map(([forms, inserted]) => (inserted[0] ?? '') + chars.map((c, i) => respell(c, forms[i]) + (inserted[i + 1] ?? '')).join(''));
}

describe('e-mail identity (common/email-address.ts)', () => {
  it('gives the variants of the issue the key of the plain address and refuses none', () => {
    for (const variant of [
      'olga@example.kz\u200b',
      'olga@example.kz\u2060',
      'olga@example.kz\ufe0f',
      'olga@exam\u00adple.kz',
      'OLGA@EXAMPLE.KZ',
      ' olga@example.kz ',
      'ｏｌｇａ＠ｅｘａｍｐｌｅ．ｋｚ',
    ]) {
      expect(emailIdentity(variant)).toEqual({ address: expect.any(String), key: 'olga@example.kz', refusal: null });
    }
    expect(emailIdentity('olga@exam\u00adple.kz').address).toBe('olga@example.kz');
  });

  it('keeps the case of the address it writes to, and puts a non-ASCII domain in its ASCII form', () => {
    expect(emailIdentity('Aigerim.S@Example.kz')).toEqual({ address: 'Aigerim.S@Example.kz', key: 'aigerim.s@example.kz', refusal: null });
    const idn = emailIdentity('Aigul@Пример.ҚАЗ');
    expect(idn).toEqual({ address: 'Aigul@xn--e1afmkfd.xn--80ao21a', key: 'aigul@xn--e1afmkfd.xn--80ao21a', refusal: null });
    expect(emailKey('aigul@xn--e1afmkfd.xn--80ao21a')).toBe(idn.key);
  });

  it('refuses what stays invisible or control, and a domain IDNA refuses', () => {
    for (const bad of REFUSED) expect(emailIdentity(`ol${bad}ga@example.kz`).refusal).toBe('invisible');
    expect(emailIdentity('olga@exa\u0001mple.kz').refusal).toBe('invisible');
    expect(emailIdentity('olga\udfff@example.kz').refusal).toBe('invisible');
    expect(emailIdentity('olga@xn--zz.kz').refusal).toBe('domain');
    expect(emailIdentity('olga').refusal).toBe('domain');
    expect(emailIdentity(`${'a'.repeat(320)}@example.kz`).refusal).toBe('length');
  });

  it('maps every variant of an address (case, NFKC forms, ignorable characters) to its one key', () => {
    for (const base of ['olga@example.kz', 'a.b-c_9+tag@sub.example-1.kz']) {
      fc.assert(
        fc.property(variantOf(base), (variant) => {
          const identity = emailIdentity(variant);
          expect(identity.refusal).toBeNull();
          expect(identity.key).toBe(base);
          expect(identity.address.toLowerCase()).toBe(base);
        }),
        { numRuns: 500 },
      );
    }
  });

  it('refuses a variant with a control or invisible character that is not ignorable, wherever it stands inside', () => {
    const base = 'olga@example.kz';
    const withBad = fc
      .tuple(fc.constantFrom(...REFUSED), fc.integer({ min: 1, max: base.length - 1 }))
      .chain(([bad, at]) => variantOf(base.slice(0, at) + bad + base.slice(at)));
    fc.assert(
      fc.property(withBad, (variant) => {
        expect(emailIdentity(variant).refusal).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent and leaves no ignorable character in a key, for any text', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
    fc.assert(
      fc.property(text, text, (local, domain) => {
        const { address, key, refusal } = emailIdentity(`${local}@${domain}`);
        expect(key).not.toMatch(/\p{Default_Ignorable_Code_Point}/u);
        if (refusal !== null) return;
        expect(key).not.toMatch(/[\p{Cc}\p{Cf}\p{Z}]/u);
        expect(emailIdentity(key)).toEqual({ address: key, key, refusal: null });
        expect(emailIdentity(address)).toEqual({ address, key, refusal: null });
      }),
      { numRuns: 3000 },
    );
  });
});
