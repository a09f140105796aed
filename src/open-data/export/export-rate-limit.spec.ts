import { exportClientKey } from './export-rate-limit';

describe('exportClientKey', () => {
  it('keeps an IPv4 address, and reads an IPv4-mapped IPv6 address as it', () => {
    expect(exportClientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(exportClientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(exportClientKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('names an IPv6 address by its /64 network, however it is written', () => {
    const key = '2001:db8:aa:1::/64';
    for (const ip of ['2001:db8:aa:1::7', '2001:0DB8:00aa:0001:ffff:1:2:3', '2001:db8:aa:1:0:0:0:0', '2001:db8:aa:1::1%eth0'])
      expect(exportClientKey(ip)).toBe(key);
    expect(exportClientKey('2001:db8:aa:2::7')).toBe('2001:db8:aa:2::/64');
    expect(exportClientKey('::1')).toBe('0:0:0:0::/64');
    expect(exportClientKey('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(exportClientKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
