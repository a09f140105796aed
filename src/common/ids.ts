const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A canonical UUID (8-4-4-4-12 hex digits): anything else would make PostgreSQL's uuid cast fail,
 * so ids from paths, queries and cursors are checked with this before they reach a query.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
