import type { Catalogue, LocalText } from '../i18n/catalogue';
import { textIn, texts } from '../i18n/catalogue';
import type { Locale } from '../i18n/locale';
import { interpolate } from '../i18n/locale';
import type { ErrorCode } from './error-codes';

type MessageCode = keyof Catalogue['errors']['codes'];
/** A type error unless every error code has a message in the catalogue and every message a code. */
const _everyCodeHasAMessage: [ErrorCode] extends [MessageCode] ? ([MessageCode] extends [ErrorCode] ? true : never) : never = true;

/** The message of an error code in one language (catalogue section errors.codes), its {placeholders} filled from the params. */
export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, LocalText> = {}): string {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) resolved[key] = textIn(value, locale);
  return interpolate(texts(locale).errors.codes[code], resolved);
}
