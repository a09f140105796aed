import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Locale } from '../i18n/locale';
import { isLocale, localeFromAcceptLanguage } from '../i18n/locale';
import { LANG_COOKIE } from '../i18n/request-locale';
import type { ErrorCode } from './error-codes';
import { ERRORS } from './error-codes';
import { errorMessage } from './error-message';

type ClientError = Error & { code?: string; rawPacket?: Buffer };

/** What Node's HTTP parser refused, as one of the API's error codes. */
export function clientErrorCode(error: ClientError): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

/**
 * The language of a request known only as the bytes received before the parser gave up: ?lang= in
 * the request line, the lang cookie, then Accept-Language, as for any other request.
 */
export function localeOfRawRequest(raw: unknown): Locale | null {
  if (!Buffer.isBuffer(raw)) return null;
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const lang = /^[A-Z]+ [^ \r\n]*[?&]lang=([a-z]{2})\b/.exec(text)?.[1];
  if (isLocale(lang)) return lang;
  const cookie = new RegExp(`^cookie:[^\\r\\n]*\\b${LANG_COOKIE}=([a-z]{2})\\b`, 'im').exec(text)?.[1];
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(/^accept-language:[ \t]*([^\r\n]*)/im.exec(text)?.[1]);
}

/** The whole HTTP answer to a refused request, in the API's error shape. */
export function clientErrorResponse(error: ClientError, fallback: Locale): string {
  const code = clientErrorCode(error);
  const locale = localeOfRawRequest(error.rawPacket) ?? fallback;
  const status = ERRORS[code].status;
  const body = JSON.stringify({ error: { code, message: errorMessage(code, locale) } });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Language: ${locale}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Fastify's clientErrorHandler: requests that Node's parser refuses before any route or hook sees
 * them (headers or URL over 16 KiB, a malformed request line, a request too slow to arrive) get
 * the API's error shape instead of Fastify's own. Like Node's default, the connection is closed.
 */
export function clientErrorHandler(fallback: Locale) {
  return (error: Error, socket: Socket): void => {
    if ((error as ClientError).code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) socket.write(clientErrorResponse(error, fallback));
    socket.destroy(error);
  };
}
