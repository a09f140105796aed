/** RFC 5545 text for one hearing event (REQUEST or CANCEL), CRLF line endings, folded at 75 octets. */

export interface IcsEvent {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  uid: string;
  sequence: number;
  stamp: Date;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description?: string;
  url?: string;
  organizerEmail?: string;
  organizerName?: string;
  /** The recipient, for iTIP REQUEST/CANCEL messages (RFC 5546). */
  attendee?: { email: string; name: string };
  cancelled?: boolean;
}

/** 20270325T050000Z */
export function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Control characters other than HTAB, which RFC 5545 allows in no value (3.1: CONTROL), including
 * DEL and the C1 controls. A bare CR would end a content line in many readers.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
/** A line break in any of its forms: CRLF, a bare CR or LF, NEL, LINE and PARAGRAPH SEPARATOR. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every kind of line
 * break written as `\n`, and every other control character dropped.
 */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(LINE_BREAK, '\\n').replace(CONTROL, '');
}

/** Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with a space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function paramText(value: string): string {
  return `"${value.replace(LINE_BREAK, ' ').replace(CONTROL, '').replace(/"/g, '')}"`;
}

/** The VEVENT component of one hearing, as unfolded content lines (a calendar feed puts many in one object). */
export function veventLines(e: IcsEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${icsUtc(e.stamp)}`,
    `DTSTART:${icsUtc(e.startsAt)}`,
    `DTEND:${icsUtc(e.endsAt)}`,
    `SUMMARY:${icsText(e.summary)}`,
    `LOCATION:${icsText(e.location)}`,
    ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    ...(e.organizerEmail ? [`ORGANIZER${e.organizerName ? `;CN=${paramText(e.organizerName)}` : ''}:mailto:${e.organizerEmail}`] : []),
    ...(e.attendee
      ? [`ATTENDEE;CN=${paramText(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${e.attendee.email}`]
      : []),
    `STATUS:${e.method === 'CANCEL' || e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** Content lines folded and joined with CRLF, ending with CRLF: the text of an iCalendar object. */
export function icsObject(lines: readonly string[]): string {
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function buildIcs(e: IcsEvent): string {
  return icsObject([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//talqylau//public hearings//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    ...veventLines(e),
    'END:VCALENDAR',
  ]);
}
