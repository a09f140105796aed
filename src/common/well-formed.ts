const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with each lone UTF-16 surrogate (half of an emoji cut by a `slice`) replaced by U+FFFD,
 * as PostgreSQL stores a text parameter; a JSON parameter with one would be refused outright.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
