import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { RealClock } from '../../common/clock';

export const SESSION_TTL_SECONDS = 12 * 3600;

/** What a valid token says: whose session, which one, and when it was issued and ends. */
export interface SessionClaims {
  userId: string;
  /** The session's own id (`sid`): signing out ends this one only. */
  sessionId: string;
  /** To the millisecond (`iat_ms`): "sign out everywhere" ends the sessions issued before it. */
  issuedAt: Date;
  expiresAt: Date;
}

interface Verified {
  sub: string;
  sid: string;
  iatMs: number;
  exp: number;
}

/**
 * Signed, expiring access tokens (JWT, HS256), judged by the real clock (RealClock): the sandbox
 * clock moves the procedure only, so moving it does not sign anybody out. The signature and expiry
 * say only that the token is genuine; whether its session is still open (not signed out, not ended
 * by a password reset or "sign out everywhere") is read from the database by the AuthGuard on every
 * request. The secret is SESSION_SECRET, or one generated once and kept under DATA_DIR so that
 * sessions survive a restart.
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /**
   * Tokens already verified, with their claims: a token is immutable and the secret fixed for the
   * process, so checking the signature once is enough; the expiry is still judged on every use, and
   * revocation is not cached at all (the guard reads it with the user). Verifying (jsonwebtoken) was
   * the largest single cost of a signed-in request.
   */
  private readonly verified = new LRUCache<string, Verified>({ max: 20_000 });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: RealClock,
  ) {
    // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it
    // as a PEM key on every sign and verify, which cost about a tenth of a remark submission's CPU.
    const secret = createSecretKey(Buffer.from(config.sessionSecret ?? TokenService.localSecret(config.dataDir), 'utf8'));
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256' } });
  }

  private static localSecret(dataDir: string): string {
    const file = join(dataDir, 'session-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }

  /** A new session of this user: a token with its own session id. */
  sign(userId: string, ttlSeconds = SESSION_TTL_SECONDS): { token: string; expiresAt: Date; sessionId: string } {
    const iatMs = this.clock.now().getTime();
    const iat = Math.floor(iatMs / 1000);
    const exp = iat + ttlSeconds;
    const sid = randomUUID();
    const token = this.jwt.sign({ sub: userId, sid, iat, iat_ms: iatMs, exp });
    return { token, expiresAt: new Date(exp * 1000), sessionId: sid };
  }

  /**
   * The claims of a genuine, unexpired token; null otherwise, and for a token of before sessions
   * could be revoked (no `sid`). Whether the session is still open is the guard's question.
   */
  verify(token: string): SessionClaims | null {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token) ?? this.check(token, now);
    if (!known || now >= known.exp) return null;
    return { userId: known.sub, sessionId: known.sid, issuedAt: new Date(known.iatMs), expiresAt: new Date(known.exp * 1000) };
  }

  /** Checks the signature and the claims' types, and remembers a token that passes. */
  private check(token: string, now: number): Verified | null {
    try {
      const claims = this.jwt.verify<Record<string, unknown>>(token, { algorithms: ['HS256'], clockTimestamp: now });
      const { sub, sid, iat_ms: iatMs, exp } = claims;
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof iatMs !== 'number' || typeof exp !== 'number') return null;
      const verified = { sub, sid, iatMs, exp };
      this.verified.set(token, verified);
      return verified;
    } catch {
      return null;
    }
  }
}
