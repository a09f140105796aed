import { interpolate, Locale, Localized } from '../i18n/locale';
import { ErrorParam } from './app-error';
import { ERRORS, ErrorCode } from './error-codes';

function isLocalized(value: unknown): value is Localized {
  return typeof value === 'object' && value !== null && 'en' in value && 'ru' in value && 'kk' in value;
}

export function pickLocalized(value: ErrorParam, locale: Locale): string {
  return isLocalized(value) ? value[locale] : String(value);
}

export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, ErrorParam> = {}): string {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) resolved[key] = pickLocalized(value, locale);
  return interpolate(ERRORS[code][locale], resolved);
}
