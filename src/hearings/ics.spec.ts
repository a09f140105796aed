import fc from 'fast-check';
import type { IcsEvent } from './ics';
import { buildIcs, icsText } from './ics';

const event = (text: string): IcsEvent => ({
  method: 'REQUEST',
  uid: 'hearing-1@talqylau',
  sequence: 0,
  stamp: new Date('2027-03-01T05:00:00Z'),
  startsAt: new Date('2027-03-16T05:00:00Z'),
  endsAt: new Date('2027-03-16T07:00:00Z'),
  summary: text,
  location: text,
  description: text,
  organizerEmail: 'akimat@example.kz',
  organizerName: text,
  attendee: { email: 'dana@example.kz', name: text },
});

const PROPERTIES = ['BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'BEGIN', 'UID', 'SEQUENCE', 'DTSTAMP', 'DTSTART', 'DTEND'];
const EXPECTED_NAMES = [...PROPERTIES, 'SUMMARY', 'LOCATION', 'DESCRIPTION', 'ORGANIZER', 'ATTENDEE', 'STATUS', 'TRANSP', 'END', 'END'];

/**
 * The content lines of an iCalendar object by RFC 5545's rules (3.1): lines end with CRLF, a line
 * starting with a space or tab continues the previous one, and no line holds a control character
 * other than HTAB (so no bare CR or LF). Throws where the text breaks these rules.
 */
function contentLines(ics: string): string[] {
  if (!ics.endsWith('\r\n')) throw new Error('the object does not end with CRLF');
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) {
    // eslint-disable-next-line no-control-regex -- looking for control characters
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(line)) throw new Error(`control character in ${JSON.stringify(line)}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line over 75 octets: ${JSON.stringify(line)}`);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (/^[ \t]/.test(line)) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  return lines;
}

/** The value of a TEXT property, unescaped (RFC 5545 3.3.11). */
function textValue(lines: string[], name: string): string {
  const line = lines.find((l) => l.startsWith(`${name}:`))!;
  return line.slice(name.length + 1).replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

describe('ics', () => {
  it('writes a bare CR, LF, CRLF, NEL and the line separators as \\n, and drops every other control character', () => {
    expect(icsText('one\rtwo\nthree\r\nfour\u0085five\u2028six')).toBe('one\\ntwo\\nthree\\nfour\\nfive\\nsix');
    expect(icsText('a\u0000b\u0007c\u000bd\u001be\u007ff\u009bg\th')).toBe('abcdefg\th');
    expect(icsText('a;b,c\\d')).toBe('a\\;b\\,c\\\\d');
  });

  it('keeps a bare CR out of every content line (an injected property stays text)', () => {
    const lines = contentLines(buildIcs(event('Hall 1\rATTENDEE:mailto:evil@example.com\rX')));
    expect(lines.map((l) => /^[A-Z-]+/.exec(l)?.[0])).toEqual(EXPECTED_NAMES);
    expect(textValue(lines, 'SUMMARY')).toBe('Hall 1\nATTENDEE:mailto:evil@example.com\nX');
  });

  it('writes valid content lines whatever the texts hold, and the texts read back without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }), (text) => {
        const lines = contentLines(buildIcs(event(text)));
        expect(lines.map((l) => /^[A-Z-]+/.exec(l)?.[0])).toEqual(EXPECTED_NAMES);
        const expected = text
          .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\n')
          // eslint-disable-next-line no-control-regex -- the control characters the writer drops
          .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
        for (const name of ['SUMMARY', 'LOCATION', 'DESCRIPTION']) expect(textValue(lines, name)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
