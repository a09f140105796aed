import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  describe('TRUST_PROXY', () => {
    it('trusts no proxy by default: X-Forwarded-For is ignored', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    });

    it('takes a number of proxies in front of the service', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    });

    it('takes a list of proxy addresses and CIDR ranges', () => {
      expect(loadConfig({ TRUST_PROXY: '10.0.0.5' }).trustProxy).toEqual(['10.0.0.5']);
      expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1,fd00::/8 ,::1' }).trustProxy).toEqual([
        '10.0.0.0/8',
        '192.168.1.1',
        'fd00::/8',
        '::1',
      ]);
      expect(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy).toEqual(['loopback', 'uniquelocal']);
    });

    it.each(['true', 'yes', '*', '11', '-1', '10.0.0.0/33', 'fd00::/129', '10.0.0.300', 'proxy.internal', '10.0.0.1,', '10.0.0.0/8/1'])(
      'stops on "%s" with a one-line reason',
      (value) => {
        expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
        expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be/);
      },
    );
  });

  describe('DB_PREPARED_STATEMENTS', () => {
    it('names the hot statements unless turned off (PgBouncer in transaction pooling mode)', () => {
      expect(loadConfig({}).preparedStatements).toBe(true);
      expect(loadConfig({ DB_PREPARED_STATEMENTS: 'false' }).preparedStatements).toBe(false);
      expect(loadConfig({ DB_PREPARED_STATEMENTS: '0' }).preparedStatements).toBe(false);
      expect(loadConfig({ DB_PREPARED_STATEMENTS: 'true' }).preparedStatements).toBe(true);
    });

    it('stops on a value that is not true or false', () => {
      expect(() => loadConfig({ DB_PREPARED_STATEMENTS: 'session' })).toThrow(/^DB_PREPARED_STATEMENTS must be true or false/);
    });
  });

  describe('REQUEST_TIMEOUT_SECONDS', () => {
    it('is 30 seconds unless set', () => {
      expect(loadConfig({}).requestTimeoutMs).toBe(30_000);
      expect(loadConfig({ REQUEST_TIMEOUT_SECONDS: '5' }).requestTimeoutMs).toBe(5_000);
    });

    it.each(['0', '3601', 'soon'])('stops on "%s"', (value) => {
      expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: value })).toThrow(/^REQUEST_TIMEOUT_SECONDS must be a whole number/);
    });
  });
});
