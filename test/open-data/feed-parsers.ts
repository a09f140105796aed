import FeedParser from 'feedparser';
import ICAL from 'ical.js';
import { Readable } from 'node:stream';

export interface ParsedAtom {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** An Atom document read by a real feed reader's parser (feedparser, strict SAX): rejects what is not well-formed XML. */
export function parseAtom(xml: string): Promise<ParsedAtom> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ normalize: true, addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

export interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  location: string;
  description: string;
  url: string;
  status: string;
  start: Date;
  end: Date;
  stamp: string;
}

export interface ParsedCalendar {
  calendar: ICAL.Component;
  events: ParsedEvent[];
}

/** An iCalendar object read by ical.js (ICAL.parse, ICAL.Component, ICAL.Event). */
export function parseCalendar(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      location: event.location,
      description: event.description,
      url: String(component.getFirstPropertyValue('url')),
      status: String(component.getFirstPropertyValue('status')),
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      stamp: String(component.getFirstPropertyValue('dtstamp')),
    };
  });
  return { calendar, events };
}

/** The `<link rel="alternate">` elements of a page's head, attributes unescaped. */
export function alternateLinks(page: string): { type: string; href: string; title: string }[] {
  const head = page.slice(0, page.indexOf('</head>'));
  const unescape = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...head.matchAll(/<link rel="alternate" type="([^"]*)" href="([^"]*)" title="([^"]*)">/g)].map((m) => ({
    type: unescape(m[1]),
    href: unescape(m[2]),
    title: unescape(m[3]),
  }));
}
