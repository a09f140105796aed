import { decodeNameCursor, decodeTimeCursor, encodeNameCursor, encodeTimeCursor } from './keyset-page';

describe('remark cursor', () => {
  it('round-trips and rejects junk', () => {
    const id = '3f2b1c4d-1111-4222-8333-944455556666';
    const c = encodeTimeCursor('2027-02-27T05:18:00.123456Z', id);
    expect(decodeTimeCursor(c)).toEqual({ at: '2027-02-27T05:18:00.123456Z', id });
    expect(decodeTimeCursor('nonsense')).toBeNull();
    expect(decodeTimeCursor(encodeTimeCursor("2027'; drop", id))).toBeNull();
    expect(decodeTimeCursor(undefined)).toBeNull();
  });
});

describe('name cursor', () => {
  it('round-trips and rejects junk', () => {
    const id = '3f2b1c4d-1111-4222-8333-944455556666';
    expect(decodeNameCursor(encodeNameCursor('Ақмола', id))).toEqual({ name: 'Ақмола', id });
    expect(decodeNameCursor(encodeNameCursor('x', 'not-a-uuid'))).toBeNull();
    expect(decodeNameCursor(encodeTimeCursor('2027-02-27T05:18:00.123456Z', 'x'))).toBeNull();
    expect(decodeNameCursor('x'.repeat(1001))).toBeNull();
  });
});
