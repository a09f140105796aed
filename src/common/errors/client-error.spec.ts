import { clientErrorCode, clientErrorResponse, localeOfRawRequest } from './client-error';

const raw = (text: string) => Buffer.from(text, 'latin1');
const error = (code: string, packet?: string) =>
  Object.assign(new Error(code), { code, rawPacket: packet === undefined ? undefined : raw(packet) });

describe('requests refused by the HTTP parser', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 'HEADERS_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 'REQUEST_TIMEOUT'],
    ['HPE_INVALID_METHOD', 'MALFORMED_REQUEST'],
    ['HPE_INVALID_HEADER_TOKEN', 'MALFORMED_REQUEST'],
  ])('%s is %s', (code, expected) => {
    expect(clientErrorCode(error(code))).toBe(expected);
  });

  it.each([
    ['GET /api/v1/plans?lang=kk HTTP/1.1\r\nAccept-Language: ru\r\n', 'kk'],
    ['GET /api/v1/plans?q=x&lang=en HTTP/1.1\r\nAccept-Language: ru\r\n', 'en'],
    ['GET /plans HTTP/1.1\r\nCookie: session=abc; lang=kk\r\nAccept-Language: ru\r\n', 'kk'],
    ['GET /plans HTTP/1.1\r\nHost: x\r\naccept-language: ru-RU,ru;q=0.9\r\nX-Big: aaaa', 'ru'],
    ['GET /plans HTTP/1.1\r\nAccept-Language: de, en;q=0.5\r\n', 'en'],
    ['GET /plans?lang=de HTTP/1.1\r\nAccept-Language: fr\r\n', null],
    ['GET /plans HTTP/1.1\r\nX-Big: aaaaaaaaaaaaaaaaaaaaaa', null],
  ])('the language of %j is %s', (packet, expected) => {
    expect(localeOfRawRequest(raw(packet))).toBe(expected);
  });

  it('knows no language without the bytes', () => {
    expect(localeOfRawRequest(undefined)).toBeNull();
    expect(localeOfRawRequest({ type: 'Buffer', data: [] })).toBeNull();
  });

  it('answers in the error shape of the API, in the language found or the default one', () => {
    const ru = clientErrorResponse(error('HPE_HEADER_OVERFLOW', 'GET / HTTP/1.1\r\nAccept-Language: ru\r\n'), 'en');
    const [head, body] = ru.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toContain('Content-Type: application/json; charset=utf-8');
    expect(head).toContain('Content-Language: ru');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: 'Заголовки или адрес запроса слишком длинные.' } });

    const fallback = clientErrorResponse(error('HPE_INVALID_METHOD', 'GARBAGE'), 'kk');
    expect(fallback).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(fallback.split('\r\n\r\n')[1])).toEqual({
      error: { code: 'MALFORMED_REQUEST', message: 'Сұраныс дұрыс HTTP сұранысы емес.' },
    });
  });
});
