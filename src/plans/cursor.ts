import { validationError } from '../common/errors/validation';
import { isUuid } from '../common/ids';

/** An opaque keyset cursor: base64url of {t: ISO time, id}. */
export interface Keyset {
  t: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify(k)).toString('base64url');
}

/**
 * Only the exact form encodeCursor writes (toISOString of a real time): anything looser, like
 * 2027-02-30 (which Date.parse rolls over) or a six-digit year, fails PostgreSQL's timestamptz cast.
 */
function isCursorTime(t: unknown): t is string {
  if (typeof t !== 'string' || !/^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(t)) return false;
  const time = Date.parse(t);
  return !Number.isNaN(time) && new Date(time).toISOString() === t;
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Keyset;
    if (isCursorTime(k?.t) && isUuid(k.id)) return k;
  } catch {
    // fall through
  }
  throw badCursor();
}

function badCursor() {
  return validationError([{ field: 'cursor', constraint: 'matches', message: { en: 'is invalid', ru: 'заполнено неверно', kk: 'қате толтырылған' } }]);
}
