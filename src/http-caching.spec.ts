import { createHash } from 'node:crypto';
import type { CacheAnswer } from './http-caching';
import { cacheControlFor, noneMatchHits, weakEtag } from './http-caching';

const system = { clockMode: 'system' as const, openData: { ocidPrefix: 'ocds-x', publicCacheSeconds: 60, exportsPerHour: 30 } };
const manual = { ...system, clockMode: 'manual' as const };
const anonymousGet: CacheAnswer = { method: 'GET', status: 200, path: '/plans/1', credentials: false, personal: false, own: undefined };

describe('cacheControlFor', () => {
  it('a public GET for an anonymous reader is kept PUBLIC_CACHE_SECONDS', () => {
    expect(cacheControlFor(anonymousGet, system)).toBe('public, max-age=60');
    expect(cacheControlFor({ ...anonymousGet, method: 'HEAD' }, system)).toBe('public, max-age=60');
  });

  it('with the manual (sandbox) clock, or 0 seconds, it is revalidated every time', () => {
    expect(cacheControlFor(anonymousGet, manual)).toBe('public, no-cache');
    expect(cacheControlFor(anonymousGet, { ...system, openData: { ...system.openData, publicCacheSeconds: 0 } })).toBe('public, no-cache');
  });

  it('a signed-in caller, a form token or a cookie set makes it no-store', () => {
    expect(cacheControlFor({ ...anonymousGet, credentials: true }, system)).toBe('no-store');
    expect(cacheControlFor({ ...anonymousGet, personal: true }, system)).toBe('no-store');
    // a personal answer is no-store whatever the route set
    expect(cacheControlFor({ ...anonymousGet, personal: true, own: 'public, max-age=86400' }, system)).toBe('no-store');
  });

  it('writes, errors, health and sandbox are never stored, whatever the route set', () => {
    expect(cacheControlFor({ ...anonymousGet, method: 'POST' }, system)).toBe('no-store');
    expect(cacheControlFor({ ...anonymousGet, status: 404, own: 'public, max-age=86400' }, system)).toBe('no-store');
    expect(cacheControlFor({ ...anonymousGet, path: '/health' }, system)).toBe('no-store');
    expect(cacheControlFor({ ...anonymousGet, path: '/api/v1/sandbox/clock?x=1' }, system)).toBe('no-store');
    expect(cacheControlFor({ ...anonymousGet, path: '/healthy-plans' }, system)).toBe('public, max-age=60');
  });

  it("keeps a route's own choice for a successful GET (an immutable stylesheet, a redirect's no-store)", () => {
    const css = { ...anonymousGet, credentials: true, own: 'public, max-age=31536000, immutable' };
    expect(cacheControlFor(css, system)).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor({ ...anonymousGet, status: 303, own: 'no-store' }, system)).toBe('no-store');
  });
});

describe('ETag', () => {
  it('is weak and depends on the body, the language and the user', () => {
    const tag = weakEtag('<p>x</p>', 'en', '');
    expect(tag).toMatch(/^W\/"[\w-]+"$/);
    expect(weakEtag('<p>x</p>', 'en', '')).toBe(tag);
    expect(weakEtag('<p>y</p>', 'en', '')).not.toBe(tag);
    expect(weakEtag('<p>x</p>', 'kk', '')).not.toBe(tag);
    expect(weakEtag('<p>x</p>', 'en', 'user:1')).not.toBe(tag);
  });

  it('is the same tag for a text and its UTF-8 bytes, and the same as before the one-shot hash (caches keep their tags)', () => {
    const body = '<p>Жоспар — план</p>';
    const before = createHash('sha256')
      .update('kk')
      .update('\0')
      .update('user:1')
      .update('\0')
      .update(body)
      .digest('base64url')
      .slice(0, 27);
    expect(weakEtag(body, 'kk', 'user:1')).toBe(`W/"${before}"`);
    expect(weakEtag(Buffer.from(body), 'kk', 'user:1')).toBe(`W/"${before}"`);
  });

  it('If-None-Match matches by weak comparison, in a list, or *', () => {
    const tag = 'W/"abc"';
    expect(noneMatchHits('W/"abc"', tag)).toBe(true);
    expect(noneMatchHits('"abc"', tag)).toBe(true);
    expect(noneMatchHits('"x", W/"abc"', tag)).toBe(true);
    expect(noneMatchHits('*', tag)).toBe(true);
    expect(noneMatchHits('"abd"', tag)).toBe(false);
    expect(noneMatchHits(undefined, tag)).toBe(false);
  });
});
