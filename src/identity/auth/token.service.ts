import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Clock } from '../../common/clock';

export const SESSION_TTL_SECONDS = 12 * 3600;

/**
 * Signed, expiring access tokens (JWT, HS256), judged by the clock provider so that the sandbox
 * clock applies to them too. The secret is SESSION_SECRET, or one generated once and kept under
 * DATA_DIR so that sessions survive a restart.
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /**
   * Tokens already verified, with their subject and expiry: a token is immutable and the secret
   * fixed for the process, so checking the signature once is enough; the expiry is still judged on
   * every use. Verifying (jsonwebtoken) was the largest single cost of a signed-in request.
   */
  private readonly verified = new LRUCache<string, { sub: string; exp: number }>({ max: 20_000 });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
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

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  sign(userId: string, ttlSeconds = SESSION_TTL_SECONDS): { token: string; expiresAt: Date } {
    const iat = this.nowSeconds();
    const exp = iat + ttlSeconds;
    return { token: this.jwt.sign({ sub: userId, iat, exp }), expiresAt: new Date(exp * 1000) };
  }

  /** The user id of a valid, unexpired token; null otherwise. */
  verify(token: string): string | null {
    const now = this.nowSeconds();
    const known = this.verified.get(token);
    if (known) return now < known.exp ? known.sub : null;
    try {
      const claims = this.jwt.verify<{ sub?: unknown; exp?: unknown }>(token, { algorithms: ['HS256'], clockTimestamp: now });
      if (typeof claims.sub !== 'string') return null;
      if (typeof claims.exp === 'number') this.verified.set(token, { sub: claims.sub, exp: claims.exp });
      return claims.sub;
    } catch {
      return null;
    }
  }
}
