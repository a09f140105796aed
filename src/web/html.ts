/**
 * A tiny, safe templating helper for server-rendered pages.
 *
 *   html`<p>${userText}</p>`   // userText is escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`   // nested templates are kept as HTML
 *
 * Every interpolated value is HTML-escaped unless it is a SafeHtml (made by `html` itself or, for
 * trusted constant markup only, by `raw`). Arrays are joined; null, undefined and false render
 * nothing. Escaping covers text and double- or single-quoted attribute values; never interpolate
 * into an unquoted attribute, a tag name, a <script> or a style attribute from user input.
 */
export class SafeHtml {
  constructor(private readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks constant, trusted markup as safe. Never pass user input. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/** Joins parts with a separator, escaping each non-safe part. */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(render(separator)));
}
