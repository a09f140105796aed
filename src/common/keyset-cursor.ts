/**
 * The one encoding of opaque keyset cursors: base64url of the JSON of the last row's sort key.
 * Each list checks the decoded value's shape with its own guard; anything else decodes to null.
 */
export function encodeKeyset(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const MAX_CURSOR_LENGTH = 1000;

export function decodeKeyset<T>(cursor: unknown, isKey: (value: unknown) => value is T): T | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return isKey(value) ? value : null;
  } catch {
    return null;
  }
}
