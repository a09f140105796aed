import { ManualClock } from '../../common/clock';
import type { AppConfig } from '../../config/config';
import { SESSION_TTL_SECONDS, TokenService } from './token.service';

const USER = '0b7f6c1e-59a4-4c38-9a55-0d3c2b4f9e11';
const service = (clock: ManualClock, secret = 'a-secret-of-at-least-32-characters!!') =>
  new TokenService({ sessionSecret: secret, dataDir: '/nonexistent' } as AppConfig, clock);

describe('TokenService', () => {
  it('accepts its own token until the last second before expiry, and not from then on (also once verified before)', () => {
    const clock = new ManualClock(new Date('2027-03-01T10:00:00Z'));
    const tokens = service(clock);
    const { token, expiresAt } = tokens.sign(USER);
    expect(expiresAt).toEqual(new Date(Date.parse('2027-03-01T10:00:00Z') + SESSION_TTL_SECONDS * 1000));
    expect(tokens.verify(token)).toBe(USER);
    clock.set(new Date(expiresAt.getTime() - 1000));
    expect(tokens.verify(token)).toBe(USER);
    clock.set(expiresAt);
    expect(tokens.verify(token)).toBeNull();
    // a fresh instance (nothing remembered) judges the same
    expect(service(clock).verify(token)).toBeNull();
  });

  it('refuses a token first seen after its expiry', () => {
    const clock = new ManualClock(new Date('2027-03-01T10:00:00Z'));
    const { token } = service(clock).sign(USER, 60);
    clock.set(new Date('2027-03-01T10:01:00Z'));
    expect(service(clock).verify(token)).toBeNull();
  });

  it('refuses a tampered token, one signed with another secret, and garbage', () => {
    const clock = new ManualClock(new Date('2027-03-01T10:00:00Z'));
    const tokens = service(clock);
    const { token } = tokens.sign(USER);
    expect(tokens.verify(token)).toBe(USER);
    const [header, payload, signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ sub: '11111111-2222-4333-8444-555555555555', iat: 0, exp: 4102444800 })).toString(
      'base64url',
    );
    expect(tokens.verify(`${header}.${otherPayload}.${signature}`)).toBeNull();
    expect(tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}xx`)).toBeNull();
    expect(tokens.verify(service(clock, 'another-secret-of-32-characters!!!!').sign(USER).token)).toBeNull();
    expect(tokens.verify('not.a.token')).toBeNull();
    expect(tokens.verify('')).toBeNull();
  });
});
