import { texts } from '../common/i18n/catalogue';
import type { Locale } from '../common/i18n/locale';
import type { LocalizedText } from '../common/i18n/localized-text';
import type { SafeHtml } from './html';
import { html, raw } from './html';

/** The note beside a text shown in another language than the page's. */
function note(lang: Locale, reader: Locale): SafeHtml {
  const t = texts(reader).common;
  return html`<small class="lang-note" lang="${reader}">${t.onlyIn({ language: t.languageNames[lang] })}</small>`;
}

/**
 * A published text inline, in the reader's language; a fallback version is wrapped in `lang` (so screen
 * readers switch voice) and followed by a visible note. Null renders nothing.
 */
export function localizedInline(text: LocalizedText | null | undefined, reader: Locale): SafeHtml {
  if (!text) return html``;
  const picked = text.pick(reader);
  return picked.fallback ? html`<span lang="${picked.lang}">${picked.text}</span> ${note(picked.lang, reader)}` : html`${picked.text}`;
}

/**
 * A published text as its own element (`tag` with the given class, e.g. a heading or a paragraph): the
 * fallback's `lang` goes on the element itself, and the note (in the reader's language) at its end.
 */
export function localizedBlock(
  text: LocalizedText | null | undefined,
  reader: Locale,
  tag: 'p' | 'div' | 'h1' | 'h2' | 'h3' | 'blockquote' | 'span' | 'li' | 'dd',
  className = '',
): SafeHtml {
  if (!text) return html``;
  const picked = text.pick(reader);
  const cls = className ? html` class="${className}"` : '';
  const lang = picked.fallback ? html` lang="${picked.lang}"` : '';
  return html`${raw(`<${tag}`)}${cls}${lang}>${picked.text}${picked.fallback ? html` ${note(picked.lang, reader)}` : ''}${raw(`</${tag}>`)}`;
}

/** The reader's version as plain text (for <title>, attributes and e-mail subjects, where no markup can go). */
export function localizedPlain(text: LocalizedText | null | undefined, reader: Locale): string {
  return text ? text.text(reader) : '';
}
