import { JwtService } from '@nestjs/jwt';
import { ManualClock } from '../../common/clock';
import type { AppConfig } from '../../config/config';
import { SESSION_TTL_SECONDS, TokenService } from './token.service';

const USER = '0b7f6c1e-59a4-4c38-9a55-0d3c2b4f9e11';
const SECRET = 'a-secret-of-at-least-32-characters!!';
const service = (clock: ManualClock, secret = SECRET) =>
  new TokenService({ sessionSecret: secret, dataDir: '/nonexistent' } as AppConfig, clock);

describe('TokenService', () => {
  it('accepts its own token until the last second before expiry, and not from then on (also once verified before)', () => {
    const clock = new ManualClock(new Date('2027-03-01T10:00:00Z'));
    const tokens = service(clock);
    const { token, expiresAt } = tokens.sign(USER);
    expect(expiresAt).toEqual(new Date(Date.parse('2027-03-01T10:00:00Z') + SESSION_TTL_SECONDS * 1000));
    expect(tokens.verify(token)?.userId).toBe(USER);
    clock.set(new Date(expiresAt.getTime() - 1000));
    expect(tokens.verify(token)?.userId).toBe(USER);
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
    expect(tokens.verify(token)?.userId).toBe(USER);
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

  it('gives every session its own id and the instant it was issued, to the millisecond', () => {
    const clock = new ManualClock(new Date('2027-03-01T10:00:00.123Z'));
    const tokens = service(clock);
    const one = tokens.sign(USER);
    const two = tokens.sign(USER);
    expect(one.sessionId).not.toBe(two.sessionId);
    expect(tokens.verify(one.token)).toEqual({
      userId: USER,
      sessionId: one.sessionId,
      issuedAt: new Date('2027-03-01T10:00:00.123Z'),
      expiresAt: one.expiresAt,
    });
    expect(tokens.verify(two.token)?.sessionId).toBe(two.sessionId);
  });

  it('refuses a genuine token without a session id (issued before sessions could be revoked)', () => {
    const clock = new ManualClock(new Date('2027-03-01T10:00:00Z'));
    const iat = Math.floor(clock.now().getTime() / 1000);
    const legacy = new JwtService({ secret: SECRET }).sign({ sub: USER, iat, exp: iat + 3600 });
    expect(service(clock).verify(legacy)).toBeNull();
  });
});
