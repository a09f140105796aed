import type { Locale } from './locale';
import { isLocale, localeFromAcceptLanguage } from './locale';

export const LANG_COOKIE = 'lang';

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
  cookies?: Record<string, string | undefined>;
}

/** The language of a request: ?lang=, then the remembered choice (cookie), then Accept-Language. */
export function requestLocale(request: RequestLike, fallback: Locale): Locale {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (isLocale(query.lang)) return query.lang;
  const cookie = request.cookies?.[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  const header = request.headers['accept-language'];
  return localeFromAcceptLanguage(Array.isArray(header) ? header[0] : header) ?? fallback;
}
