import type { Locale } from '../i18n/locale';
import type { LocalizedText } from '../i18n/localized-text';
import { AppError } from './app-error';

/**
 * 422 TRANSLATION_REQUIRED naming what is missing as `field.lang` (e.g. `title.kk`), in the message
 * and in the machine-readable field `missing`.
 */
export function translationRequired(missing: string[]): AppError {
  return new AppError('TRANSLATION_REQUIRED', { missing: missing.join(', ') }, undefined, { missing });
}

/** The `field.lang` entries of each text's missing languages among `required`; empty when all are there. */
export function missingTranslations(texts: Record<string, LocalizedText | null>, required: readonly Locale[]): string[] {
  return Object.entries(texts).flatMap(([field, text]) => (text ? text.missing(required) : required).map((lang) => `${field}.${lang}`));
}

/**
 * 409 TRANSLATION_EXISTS: a translation may only add a language a published text lacks (field
 * `languages`; with `fields`, which texts as `field.lang`).
 */
export function translationExists(languages: string[], fields?: string[]): AppError {
  return new AppError('TRANSLATION_EXISTS', { languages: languages.join(', ') }, undefined, fields ? { languages, fields } : { languages });
}
