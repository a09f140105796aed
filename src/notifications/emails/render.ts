import type { Catalogue } from '../../common/i18n/catalogue';
import { texts } from '../../common/i18n/catalogue';
import type { Locale } from '../../common/i18n/locale';
import { isLocale } from '../../common/i18n/locale';
import type { EmailContent, RenderedEmail } from '../email-layout';
import { renderEmail } from '../email-layout';

/**
 * An e-mail template: what to say, from plain data (strings, numbers, dates and published texts as
 * LocalizedText; never a feature's entity or type) and the recipient's catalogue. A published text goes
 * into a quote as it is (the layout picks the recipient's version and marks another language), or into
 * a sentence as `text.text(locale)`. Templates live in this folder, one per e-mail, and
 * take their words from the catalogue's sections, never from inline {kk, ru, en} objects.
 */
export type EmailTemplate<P> = (params: P, t: Catalogue, locale: Locale) => Omit<EmailContent, 'locale'>;

/** The one renderer of every e-mail: the template in the recipient's language (ru when unknown), as text and HTML. */
export function renderTemplate<P>(template: EmailTemplate<P>, locale: string, params: P): RenderedEmail & { locale: Locale } {
  const lang: Locale = isLocale(locale) ? locale : 'ru';
  return { locale: lang, ...renderEmail({ locale: lang, ...template(params, texts(lang), lang) }) };
}
