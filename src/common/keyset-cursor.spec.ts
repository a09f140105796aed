import { decodeKeyset, encodeKeyset } from './keyset-cursor';

const isPair = (v: unknown): v is [string, number] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'number';

describe('keyset cursor', () => {
  it('round-trips a key its guard accepts', () => {
    expect(decodeKeyset(encodeKeyset(['b', 2]), isPair)).toEqual(['b', 2]);
  });
  it.each([undefined, '', 'not base64 json', encodeKeyset({ a: 1 }), 'x'.repeat(1001)])('refuses %p', (cursor) => {
    expect(decodeKeyset(cursor, isPair)).toBeNull();
  });
});
