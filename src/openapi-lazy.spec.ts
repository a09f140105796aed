import type { Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppError } from './common/errors/app-error';
import { lazyDocument, OPENAPI_RETRY_MS } from './openapi-lazy';

const DOCUMENT = { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {} } as OpenAPIObject;

function setUp(outcomes: ('fail' | 'ok')[]) {
  let now = 1_000_000;
  const builds: number[] = [];
  const logged: unknown[] = [];
  const build = () => {
    builds.push(now);
    if (outcomes.shift() === 'fail') throw new Error('a decorator the generator cannot read');
    return DOCUMENT;
  };
  const logger = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
  const document = lazyDocument(build, () => now, logger);
  return { document, builds, logged, advance: (ms: number) => (now += ms) };
}

function refusal(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('no refusal');
}

describe('lazyDocument: the OpenAPI description built on the first request', () => {
  it('builds it when asked', () => {
    const { document, builds } = setUp(['ok']);
    expect(document()).toBe(DOCUMENT);
    expect(builds).toHaveLength(1);
  });

  it('answers a failed build with 503 and Retry-After, logs it once, and builds again only after a minute', () => {
    const { document, builds, logged, advance } = setUp(['fail', 'ok']);
    const first = refusal(document);
    expect({ code: first.code, status: first.status, retryAfter: first.headers['retry-after'] }).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      retryAfter: '60',
    });
    advance(20_000);
    for (let i = 0; i < 50; i++) refusal(document);
    expect(refusal(document).headers['retry-after']).toBe('40');
    expect(builds).toHaveLength(1);
    expect(logged).toHaveLength(1);
    advance(OPENAPI_RETRY_MS - 20_001);
    refusal(document);
    expect(builds).toHaveLength(1);
    advance(1);
    expect(document()).toBe(DOCUMENT);
    expect(builds).toHaveLength(2);
  });

  it('remembers a second failure for another minute', () => {
    const { document, builds, logged, advance } = setUp(['fail', 'fail', 'ok']);
    refusal(document);
    advance(OPENAPI_RETRY_MS);
    refusal(document);
    advance(OPENAPI_RETRY_MS - 1);
    refusal(document);
    expect(builds).toHaveLength(2);
    expect(logged).toHaveLength(2);
    advance(1);
    expect(document()).toBe(DOCUMENT);
  });
});
