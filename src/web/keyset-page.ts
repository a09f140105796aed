import { isUuid } from '../common/ids';
import { decodeKeyset, encodeKeyset } from '../common/keyset-cursor';

/** One page of a keyset list and the cursor of the next one (null on the last page). */
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts the extra row fetched to know whether there is a next page, and makes its cursor. */
export function keysetPage<T>(rows: T[], limit: number, cursorOf: (last: T) => string): KeysetPage<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** The to_char format of a cursor time: UTC with microseconds, so rows of the same millisecond keep their order. */
export const CURSOR_TIME_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function isTimeKey(value: unknown): value is [string, string] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [at, id] = value as unknown[];
  return typeof at === 'string' && CURSOR_AT.test(at) && !Number.isNaN(Date.parse(at)) && isUuid(id);
}

/** Cursor of a (time, id) keyset: the last row's time in CURSOR_TIME_FORMAT and its id. */
export function encodeTimeCursor(at: string, id: string): string {
  return encodeKeyset([at, id]);
}

export function decodeTimeCursor(cursor: unknown): { at: string; id: string } | null {
  const key = decodeKeyset(cursor, isTimeKey);
  return key && { at: key[0], id: key[1] };
}

function isNameKey(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && isUuid(value[1]);
}

/** Cursor of a (name, id) keyset. */
export function encodeNameCursor(name: string, id: string): string {
  return encodeKeyset([name, id]);
}

export function decodeNameCursor(cursor: unknown): { name: string; id: string } | null {
  const key = decodeKeyset(cursor, isNameKey);
  return key && { name: key[0], id: key[1] };
}
