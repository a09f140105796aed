import type { Locale } from '../i18n/locale';
import type { LocalizedInput } from '../i18n/localized-text';
import { LocalizedText } from '../i18n/localized-text';
import { isLocalizedInput, localizedWithin } from '../i18n/localized-text.validation';
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

/** A published text with translations added: only missing languages (409 TRANSLATION_EXISTS for a different text). */
export function withTranslationsOrConflict(text: LocalizedText, input: LocalizedInput | null | undefined, lang: Locale): LocalizedText {
  const added = LocalizedText.fromInput(input, lang);
  if (!added) return text;
  const result = text.withTranslations(added);
  if (result.conflicts.length > 0) throw translationExists(result.conflicts);
  return result.text;
}

/**
 * The translations of one text of several (a protocol's lists, a position's recommendations), collecting
 * conflicting languages in `conflicts` so one 409 names them all; an item that is not a text, or a
 * text where there is none to translate, is VALIDATION_FAILED naming `field`.
 */
export function translationOf(
  stored: LocalizedText | null,
  input: LocalizedInput | null | undefined,
  lang: Locale,
  field: string,
  max: number,
  conflicts: Set<string>,
): LocalizedText | null {
  if (input === undefined || input === null) return stored;
  if (!isLocalizedInput(input) || !localizedWithin(input, max)) throw new AppError('VALIDATION_FAILED', { details: field });
  if (!stored) throw new AppError('VALIDATION_FAILED', { details: `${field}: nothing to translate` });
  const result = stored.withTranslations(LocalizedText.fromInput(input, lang) as LocalizedText);
  result.conflicts.forEach((c) => conflicts.add(c));
  return result.text;
}
