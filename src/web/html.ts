import { interpolate } from '../common/i18n/locale';

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

/** A markup parameter's place in a message: private-use characters, which no catalogue text contains. */
const SLOT = /\uE000(\d+)\uE001/g;

/**
 * A catalogue message (a template with `{name}`s, or a function of its parameters) whose parameters
 * may be markup (e.g. a <time>): the message's text is escaped, the SafeHtml parameters are kept.
 */
export function htmlMessage<P extends Record<string, unknown>>(
  message: string | ((params: P) => string),
  params: { [K in keyof P]: P[K] extends string ? string | SafeHtml : P[K] },
): SafeHtml {
  const slots: SafeHtml[] = [];
  const plain: Record<string, string | number | boolean | null | undefined> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value instanceof SafeHtml) {
      plain[key] = `\uE000${slots.length}\uE001`;
      slots.push(value);
    } else plain[key] = typeof value === 'string' ? value.replace(/[\uE000\uE001]/g, '') : (value as number | boolean | null | undefined); // no slot from a person's text
  }
  const text = typeof message === 'function' ? message(plain as unknown as P) : interpolate(message, plain);
  return new SafeHtml(escapeHtml(text).replace(SLOT, (_, i: string) => slots[Number(i)].toString()));
}
