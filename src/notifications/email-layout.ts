import { texts } from '../common/i18n/catalogue';
import type { Locale } from '../common/i18n/locale';

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
  /** Quoted texts such as the remark and the answer, each with a heading. */
  quotes?: { heading: string; text: string }[];
  link?: { label: string; url: string };
}

const QUOTE_STYLE = 'margin:0;padding:8px 12px;border-left:4px solid #0b5394;background:#f3f6fa;white-space:pre-wrap';

function quoteHtml(quote: { heading: string; text: string }): string {
  return `<h3 style="font-size:16px;margin:16px 0 4px">${escapeHtml(quote.heading)}</h3><blockquote style="${QUOTE_STYLE}">${escapeHtml(quote.text)}</blockquote>`;
}

/** One plain-text and one HTML rendering of the same message, with the catalogue's footer; every user text is escaped. */
export function renderEmail(content: EmailContent): RenderedEmail {
  const footer = texts(content.locale).common.emailFooter;
  const text = [
    content.greeting,
    ...content.paragraphs,
    ...(content.quotes ?? []).map(
      (q) =>
        `${q.heading}:\n${q.text
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
${(content.quotes ?? []).map(quoteHtml).join('\n')}
${content.link ? `<p><a href="${escapeHtml(content.link.url)}" style="color:#0b5394">${escapeHtml(content.link.label)}</a></p>` : ''}
<hr><p style="font-size:13px;color:#555">${escapeHtml(footer)}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}
