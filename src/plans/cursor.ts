import { validationError } from '../common/errors/validation';

/** An opaque keyset cursor: base64url of {t: ISO time, id}. */
export interface Keyset {
  t: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify(k)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Keyset;
    if (typeof k.t === 'string' && !Number.isNaN(Date.parse(k.t)) && typeof k.id === 'string' && /^[0-9a-f-]{36}$/i.test(k.id)) return k;
  } catch {
    // fall through
  }
  throw badCursor();
}

function badCursor() {
  return validationError([{ field: 'cursor', constraint: 'matches', message: { en: 'is invalid', ru: 'заполнено неверно', kk: 'қате толтырылған' } }]);
}
