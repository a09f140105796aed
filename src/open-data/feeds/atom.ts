import { xmlAttribute, xmlText } from './xml';

/** A text construct (RFC 4287 3.1); `lang` when it is not in the feed's language (a fallback version). */
export interface AtomText {
  value: string;
  type?: 'text' | 'html';
  lang?: string;
}

export interface AtomLink {
  rel: 'self' | 'alternate' | 'related';
  href: string;
  type?: string;
  hreflang?: string;
  title?: string;
}

export interface AtomPerson {
  name: AtomText;
  uri?: string;
}

export interface AtomCategory {
  term: string;
  label: string;
}

export interface AtomEntry {
  id: string;
  title: AtomText;
  updated: Date;
  published: Date;
  links: AtomLink[];
  authors: AtomPerson[];
  categories: AtomCategory[];
  summary: AtomText;
}

export interface AtomFeed {
  /** The language of the feed's texts (xml:lang of the root). */
  lang: string;
  id: string;
  title: AtomText;
  subtitle?: AtomText;
  updated: Date;
  links: AtomLink[];
  authors: AtomPerson[];
  generator: { name: string; uri: string };
  entries: AtomEntry[];
}

/** attr="value" pairs of the defined values, escaped. */
function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttribute(value)}"`)
    .join('');
}

function textElement(name: string, text: AtomText): string {
  return `<${name}${attributes({ type: text.type ?? 'text', 'xml:lang': text.lang })}>${xmlText(text.value)}</${name}>`;
}

function link(l: AtomLink): string {
  return `<link${attributes({ rel: l.rel, type: l.type, hreflang: l.hreflang, href: l.href, title: l.title })}/>`;
}

function person(name: string, p: AtomPerson): string {
  const uri = p.uri ? `<uri>${xmlText(p.uri)}</uri>` : '';
  return `<${name}><name${attributes({ 'xml:lang': p.name.lang })}>${xmlText(p.name.value)}</name>${uri}</${name}>`;
}

function entry(e: AtomEntry): string {
  return [
    '<entry>',
    `<id>${xmlText(e.id)}</id>`,
    textElement('title', e.title),
    `<updated>${e.updated.toISOString()}</updated>`,
    `<published>${e.published.toISOString()}</published>`,
    ...e.links.map(link),
    ...e.authors.map((a) => person('author', a)),
    ...e.categories.map((c) => `<category${attributes({ term: c.term, label: c.label })}/>`),
    textElement('summary', e.summary),
    '</entry>',
  ].join('\n');
}

/** An Atom 1.0 feed document (RFC 4287), every text and attribute escaped. */
export function atomDocument(feed: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attributes({ 'xml:lang': feed.lang })}>`,
    `<id>${xmlText(feed.id)}</id>`,
    textElement('title', feed.title),
    ...(feed.subtitle ? [textElement('subtitle', feed.subtitle)] : []),
    `<updated>${feed.updated.toISOString()}</updated>`,
    ...feed.links.map(link),
    ...feed.authors.map((a) => person('author', a)),
    `<generator${attributes({ uri: feed.generator.uri })}>${xmlText(feed.generator.name)}</generator>`,
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
