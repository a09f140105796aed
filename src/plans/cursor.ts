import { validationError } from '../common/errors/validation';
import { everyLocale } from '../common/i18n/every-locale';
import { isUuid } from '../common/ids';
import { decodeKeyset, encodeKeyset } from '../common/keyset-cursor';

/** An opaque keyset cursor on (time, id): the keyset encoding of {t: ISO time, id}. */
export interface Keyset {
  t: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return encodeKeyset(k);
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

function isKeyset(value: unknown): value is Keyset {
  const k = value as Partial<Keyset> | null;
  return isCursorTime(k?.t) && isUuid(k?.id);
}

/** Null without a cursor; a VALIDATION_FAILED error on the field `cursor` for one encodeCursor did not write. */
export function decodeCursor(cursor: string | undefined | null): Keyset | null {
  if (!cursor) return null;
  const k = decodeKeyset(cursor, isKeyset);
  if (!k) throw validationError([{ field: 'cursor', constraint: 'matches', message: everyLocale((t) => t.plans.badCursor) }]);
  return k;
}
