import { texts } from '../common/i18n/catalogue';
import type { Locale } from '../common/i18n/locale';
import { LocalizedText } from '../common/i18n/localized-text';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface EmailContent {
  locale: Locale;
  subject: string;
  greeting?: string;
  /** Plain paragraphs (escaped in HTML). */
  paragraphs: string[];
  /**
   * Quoted texts such as the remark and the answer, each with a heading. A published text (LocalizedText)
   * is shown in the recipient's language; when only another version exists, that one, marked with its
   * `lang` and a note.
   */
  quotes?: EmailQuote[];
  link?: { label: string; url: string };
}

export interface EmailQuote {
  heading: string;
  text: string | LocalizedText;
}

interface ResolvedQuote {
  heading: string;
  text: string;
  /** Set when the text is in another language than the e-mail. */
  lang: Locale | null;
  note: string | null;
}

function resolveQuote(quote: EmailQuote, locale: Locale): ResolvedQuote {
  if (!(quote.text instanceof LocalizedText)) return { heading: quote.heading, text: quote.text, lang: null, note: null };
  const picked = quote.text.pick(locale);
  const t = texts(locale).common;
  return {
    heading: quote.heading,
    text: picked.text,
    lang: picked.fallback ? picked.lang : null,
    note: picked.fallback ? t.onlyIn({ language: t.languageNames[picked.lang] }) : null,
  };
}

const QUOTE_STYLE = 'margin:0;padding:8px 12px;border-left:4px solid #0b5394;background:#f3f6fa;white-space:pre-wrap';

function quoteHtml(quote: ResolvedQuote): string {
  const lang = quote.lang ? ` lang="${quote.lang}"` : '';
  const note = quote.note ? `<p style="font-size:13px;color:#555;margin:4px 0 0">${escapeHtml(quote.note)}</p>` : '';
  return `<h3 style="font-size:16px;margin:16px 0 4px">${escapeHtml(quote.heading)}</h3><blockquote${lang} style="${QUOTE_STYLE}">${escapeHtml(quote.text)}</blockquote>${note}`;
}

/** One plain-text and one HTML rendering of the same message, with the catalogue's footer; every user text is escaped. */
export function renderEmail(content: EmailContent): RenderedEmail {
  const footer = texts(content.locale).common.emailFooter;
  const quotes = (content.quotes ?? []).map((q) => resolveQuote(q, content.locale));
  const text = [
    content.greeting,
    ...content.paragraphs,
    ...quotes.map(
      (q) =>
        `${q.heading}${q.note ? ` ${q.note}` : ''}:\n${q.text
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n')}`,
    ),
    content.link ? `${content.link.label}: ${content.link.url}` : undefined,
    '--',
    footer,
  ]
    .filter((part): part is string => part !== undefined)
    .join('\n\n');
  const html = `<!doctype html><html lang="${content.locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">
${content.greeting ? `<p>${escapeHtml(content.greeting)}</p>` : ''}
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${quotes.map(quoteHtml).join('\n')}
${content.link ? `<p><a href="${escapeHtml(content.link.url)}" style="color:#0b5394">${escapeHtml(content.link.label)}</a></p>` : ''}
<hr><p style="font-size:13px;color:#555">${escapeHtml(footer)}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}

/**
 * The unsubscribe link at the foot of a news e-mail (email-kinds.ts), in its language: why it came and
 * the link, after the footer of both parts, escaped in HTML. The same URL is the List-Unsubscribe header.
 */
export function withUnsubscribeFooter(email: RenderedEmail, locale: Locale, url: string): RenderedEmail {
  const t = texts(locale).unsubscribe;
  const text = `${email.text}\n\n${t.emailWhy}\n${t.emailLink}: ${url}`;
  const footer = `<p style="font-size:13px;color:#555">${escapeHtml(t.emailWhy)} <a href="${escapeHtml(url)}" style="color:#0b5394">${escapeHtml(t.emailLink)}</a></p>\n`;
  const end = email.html.lastIndexOf('</body>');
  const html = end < 0 ? email.html + footer : email.html.slice(0, end) + footer + email.html.slice(end);
  return { subject: email.subject, text, html };
}
