/**
 * Characters XML 1.0 does not allow in a document (2.2: Char), lone surrogates included, and the
 * controls it discourages (DEL and C1): removed from every text and attribute value.
 */
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  // a literal tab or line break in an attribute is read back as a space (3.3.3): keep them as references
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function xmlChars(value: string): string {
  return value.replace(NOT_XML, '');
}

/** Character data: `&`, `<` and `>` (so `]]>` never appears), characters XML forbids removed. */
export function xmlText(value: string): string {
  return xmlChars(value).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]);
}

/** A double- or single-quoted attribute value. */
export function xmlAttribute(value: string): string {
  return xmlChars(value).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

const HTML_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&#39;' };

/**
 * A plain text as HTML, for a text construct of type="html" (RFC 4287 3.1.1.2): escaped as HTML, line
 * breaks as <br>. The feed escapes the result again as XML, so a reader unescapes it once to markup
 * in which the text can be nothing but text.
 */
export function htmlText(value: string): string {
  return xmlChars(value)
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
    .replace(/\r\n|[\r\n]/g, '<br>');
}
