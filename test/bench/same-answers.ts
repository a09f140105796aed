import type { FastifyInstance } from 'fastify';
import type { TestApp } from '../support/test-app';

type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

/**
 * Every page of `listing` (`limit` items a page, following nextCursor) as an anonymous Russian reader
 * gets it from the service and from the bare handler, checked equal; returns the service's items.
 */
export async function sameAnswersOnEveryPage(
  t: TestApp,
  bare: FastifyInstance,
  listing: string,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const path = `${listing}${listing.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const service = await t.http.get(path).set('accept-language', 'ru').expect(200);
    const own = await bare.inject({ method: 'GET', url: path, headers: { 'accept-language': 'ru' } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual(service.body);
    const page = service.body as Page;
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}
