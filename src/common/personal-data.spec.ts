import fc from 'fast-check';
import { kzCheckDigit } from './kz-check-digit';
import { containsPersonalData, isValidIin, MASK, maskPersonalData } from './personal-data';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A valid IIN: a real birth date, the century-and-sex digit 1-6, four serial digits, the check digit. */
const iin = fc
  .record({
    date: fc.date({ min: new Date('1860-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    female: fc.boolean(),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map(({ date, female, serial }) => {
    const year = date.getUTCFullYear();
    const century = Math.floor((year - 1800) / 100); // 0: 1800s, 1: 1900s, 2: 2000s
    const first11 = `${pad(year % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${1 + 2 * century + (female ? 1 : 0)}${pad(serial, 4)}`;
    const check = kzCheckDigit([...first11].map(Number));
    return check === null ? null : `${first11}${check}`;
  })
  .filter((n): n is string => n !== null);

/** A valid company BIN: YYMM of registration, the entity type 4-6, an attribute digit, five serial digits, the check digit. */
const bin = fc
  .record({
    yy: fc.integer({ min: 0, max: 99 }),
    mm: fc.integer({ min: 1, max: 12 }),
    type: fc.integer({ min: 4, max: 6 }),
    attribute: fc.integer({ min: 0, max: 9 }),
    serial: fc.integer({ min: 0, max: 99999 }),
  })
  .map(({ yy, mm, type, attribute, serial }) => {
    const first11 = `${pad(yy)}${pad(mm)}${type}${attribute}${pad(serial, 5)}`;
    const check = kzCheckDigit([...first11].map(Number));
    return check === null ? null : `${first11}${check}`;
  })
  .filter((n): n is string => n !== null);

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const separator = fc.constantFrom('', ' ', '-', ' - ', '.', '\u00a0');

/** A Kazakh phone number in the forms people write it. */
const phone = fc
  .record({
    prefix: fc.constantFrom('+7', '+7 ', '8', '8 ', '7 ', '+7-', '8-', ''),
    area: fc.oneof(
      digits(2).map((d) => `7${d}`),
      digits(3).map((d) => `7${d}`),
    ),
    parens: fc.boolean(),
    rest: digits(7),
    seps: fc.array(separator, { minLength: 3, maxLength: 3 }),
    grouping: fc.constantFrom('3-2-2', '3-4'),
  })
  .map(({ prefix, area, parens, rest, seps, grouping }) => {
    const areaText = parens ? `(${area})` : area;
    if (area.length === 4)
      return `${prefix}${areaText}${seps[0]}${rest.slice(1, 3)}${seps[1]}${rest.slice(3, 5)}${seps[2]}${rest.slice(5, 7)}`;
    return grouping === '3-4'
      ? `${prefix}${areaText}${seps[0]}${rest.slice(0, 3)}${seps[1]}${rest.slice(3)}`
      : `${prefix}${areaText}${seps[0]}${rest.slice(0, 3)}${seps[1]}${rest.slice(3, 5)}${seps[2]}${rest.slice(5)}`;
  });

/** Words around a value, letters touching it ("inside words") or not; no digits. */
const word = fc.constantFrom('', ' ', 'тел', 'ИИН', 'қоңырау', 'call ', 'мекенжай:', ', ', '(', ') ', 'ЖСН ', 'Ә', 'x');
const around = (value: fc.Arbitrary<string>) => fc.tuple(word, value, word).map(([a, v, b]) => ({ text: `${a}${v}${b}`, value: v }));
const onlyDigits = (s: string) => s.replace(/\D/g, '');

describe('maskPersonalData', () => {
  it('masks a text read again (remembered) and a text too long to remember alike', () => {
    const text = (n: number) => `ИИН 850115300011, тел. +7 701 234 56 78, ${'слово '.repeat(n)}a.b@mail.kz`;
    for (const n of [1, 10_000]) {
      const first = maskPersonalData(text(n));
      expect(first).not.toMatch(/\d|a\.b@/);
      // a new string of the same text (as each request reads it from the database) gets the same answer
      expect(maskPersonalData(text(n).slice(0))).toBe(first);
      expect(maskPersonalData(first)).toBe(first);
    }
  });

  it('masks every valid IIN, alone, inside words, with spaces or dashes between its digit groups', () => {
    fc.assert(
      fc.property(around(iin), separator, ({ text, value }, sep) => {
        expect(maskPersonalData(text)).not.toMatch(/\d/);
        const spaced = text.replace(value, `${value.slice(0, 6)}${sep}${value.slice(6)}`);
        expect(maskPersonalData(spaced)).not.toMatch(/\d/);
      }),
      { numRuns: 500 },
    );
  });

  it('masks an IIN next to other numbers: a list number, a year, a date, a phone, after a space, a dot or a dash', () => {
    const neighbour = fc.constantFrom('1', '3', '1985', '01.02.2025', '87012345678', '2024', '5', '1.5');
    const joint = fc.constantFrom(' ', '. ', ' - ', ', ', '.\u00a0');
    fc.assert(
      fc.property(iin, neighbour, joint, neighbour, joint, (value, before, j1, after, j2) => {
        const text = `п. ${before}${j1}${value}${j2}${after} г.`;
        const masked = maskPersonalData(text);
        expect(onlyDigits(masked)).not.toContain(value);
        expect(masked).toContain(MASK.repeat(12));
      }),
      { numRuns: 500 },
    );
    // a number that is no IIN does not hide the IIN it overlaps
    expect(maskPersonalData('2024 850115300011')).toBe(`2024 ${MASK.repeat(12)}`);
  });

  it('masks numbers pasted with typographic dashes, thin or narrow spaces, soft hyphens or zero-width characters', () => {
    fc.assert(
      fc.property(iin, fc.constantFrom('\u2013', '\u2014', '\u2212', '\u2009', '\u202f', '\u00ad', '\u200b', ' \u2013 '), (value, sep) => {
        expect(maskPersonalData(`ИИН ${value.slice(0, 6)}${sep}${value.slice(6)}`)).not.toMatch(/\d/);
        expect(maskPersonalData(`тел. 8${sep}701${sep}234${sep}56${sep}78`)).not.toMatch(/\d/);
      }),
      { numRuns: 200 },
    );
  });

  it('masks Kazakh phone numbers in their usual forms, inside words too', () => {
    fc.assert(
      fc.property(around(phone), ({ text }) => {
        expect(maskPersonalData(text)).not.toMatch(/\d/);
      }),
      { numRuns: 1000 },
    );
  });

  it('masks e-mail addresses, Cyrillic ones too', () => {
    const local = fc.stringMatching(/^[a-zа-я0-9][a-zа-я0-9._+-]{0,15}$/);
    const domain = fc.stringMatching(/^[a-zа-я0-9-]{1,12}\.(kz|ru|com|қаз)$/);
    fc.assert(
      fc.property(local, domain, word, (l, d, w) => {
        const masked = maskPersonalData(`${w}${l}@${d} ${w}`);
        expect(masked).not.toContain(`${l}@${d}`);
        expect(masked).not.toContain('@' + d);
        expect(masked).toContain(`${MASK.repeat(3)}@${MASK.repeat(3)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps company BINs, which are public', () => {
    fc.assert(
      fc.property(around(bin), ({ text }) => {
        expect(maskPersonalData(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps 12 digits that are no IIN (wrong check digit or no real date) and IINs inside longer runs of digits', () => {
    fc.assert(
      fc.property(iin, fc.integer({ min: 1, max: 9 }), (value, shift) => {
        const wrong = `${value.slice(0, 11)}${(Number(value[11]) + shift) % 10}`;
        expect(isValidIin(wrong)).toBe(false);
        expect(maskPersonalData(`ИИН ${wrong}`)).toBe(`ИИН ${wrong}`);
        // a digit touching it makes a longer number, which is no IIN
        expect(maskPersonalData(`счёт 4${value}`)).toBe(`счёт 4${value}`);
        expect(maskPersonalData(`${value}7 шт`)).toBe(`${value}7 шт`);
      }),
      { numRuns: 300 },
    );
    expect(maskPersonalData('900231300123')).toBe('900231300123'); // 31 February
  });

  it('keeps amounts grouped in thousands, dates and plain numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(' ', '\u00a0', ','), (amount, sep) => {
        const text = `${amount.toLocaleString('en-US').replace(/,/g, sep)} тенге`;
        expect(maskPersonalData(text)).toBe(text);
      }),
      { numRuns: 1000 },
    );
    for (const text of ['2026-12-01', '01.12.2026', 'лот № 17', 'КТРУ 123456.789.000001', 'БИН 940240000438']) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });

  it('is idempotent and leaves text without digits or @ as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const once = maskPersonalData(s);
        expect(maskPersonalData(once)).toBe(once);
        if (!/[\d@]/.test(s)) expect(once).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('masks the examples people write', () => {
    expect(maskPersonalData('Мой ИИН 900101300126, звоните +7 (701) 123-45-67 или 8 727 250 11 22, пишите a.b@mail.kz')).toBe(
      'Мой ИИН ••••••••••••, звоните +• (•••) •••-••-•• или • ••• ••• •• ••, пишите •••@•••',
    );
    expect(maskPersonalData('тел87011234567')).toBe('тел•••••••••••');
    expect(containsPersonalData('ЖСН: 900101 300126')).toBe(true);
    expect(containsPersonalData('БСН 940240000438')).toBe(false);
    expect(onlyDigits(maskPersonalData('8 (7172) 55-66-77'))).toBe('');
    expect(maskPersonalData('пишите ivanov ＠ mail.ru или a.b @ mail.kz')).toBe('пишите •••@••• или •••@•••');
  });
});

describe('isValidIin', () => {
  it('checks the date with its century, the 7th digit and the check digit', () => {
    fc.assert(fc.property(iin, (value) => expect(isValidIin(value)).toBe(true)));
    expect(isValidIin('000229500123'.slice(0, 11) + kzCheckDigit([...'00022950012'].map(Number)))).toBe(true); // 29 Feb 2000
    expect(isValidIin('000229300121'.slice(0, 11) + kzCheckDigit([...'00022930012'].map(Number)))).toBe(false); // 29 Feb 1900
    expect(isValidIin('900101700123')).toBe(false); // 7th digit 7
    expect(isValidIin('90010130012')).toBe(false);
  });
});

describe('masking e-mail addresses in linear time', () => {
  /** The e-mail pattern as one global replace (the behaviour the linear scan keeps). */
  const ONE_REPLACE = /[\p{L}\p{N}._%+-]+ ?[@＠] ?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
  const chars = fc.constantFrom('a', 'b', 'ж', '.', '_', '-', '%', '+', '@', '＠', ' ', ',', 'x');

  it('masks the same addresses as one global replace of the pattern', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        expect(maskPersonalData(text)).toBe(text.replace(ONE_REPLACE, `${MASK.repeat(3)}@${MASK.repeat(3)}`));
      }),
      { numRuns: 5000 },
    );
  });

  it('a remark of 10,000 letters with a number and an address takes milliseconds, not seconds', () => {
    const text = `Пункт 5: ${'ж'.repeat(10_000)} a.b@mail.kz`;
    const started = performance.now();
    expect(maskPersonalData(text)).toBe(`Пункт 5: ${'ж'.repeat(10_000)} •••@•••`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
