import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { SESSION_COOKIE } from './auth.guard';

/** Cookie of signed-out visitors that the sign-in form's token is bound to. */
export const CSRF_COOKIE = 'csrf';
/** Header of an API write authenticated by the session cookie: the same token as the forms' `_csrf` field. */
export const CSRF_HEADER = 'x-csrf-token';

type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };

/**
 * Signed double-submit CSRF tokens: `<random>.<HMAC(key, binding | random)>`, where the binding is
 * the session cookie of a signed-in user, or else a random `csrf` cookie (the sign-in form). A
 * cross-site page can neither read these httpOnly cookies nor compute the HMAC without the server key;
 * the cookies are SameSite=Lax besides. The key is derived from SESSION_SECRET (or the data
 * directory's session secret), so every server of one installation accepts the same tokens.
 * The pages send it in the forms' hidden `_csrf` field (web/forms), the API in the X-CSRF-Token
 * header of a write authenticated by the session cookie (AuthGuard).
 */
@Injectable()
export class Csrf {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const file = join(config.dataDir, 'session-secret');
    const secret = config.sessionSecret ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : randomBytes(32).toString('base64url'));
    this.key = createHmac('sha256', secret).update('talqylau-csrf-v1').digest();
  }

  private binding(request: FastifyRequest): string | null {
    const cookies = (request as CookieRequest).cookies ?? {};
    const session = cookies[SESSION_COOKIE];
    if (session) return `s|${session}`;
    const anon = cookies[CSRF_COOKIE];
    return anon ? `a|${anon}` : null;
  }

  private sign(binding: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${binding}|${nonce}`).digest('base64url');
  }

  /** A token for the request's binding, or null when there is none yet (see ensureCookie). */
  token(request: FastifyRequest): string | null {
    const binding = this.binding(request);
    if (!binding) return null;
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.sign(binding, nonce)}`;
  }

  /** For forms shown to signed-out visitors: makes sure a binding cookie exists and returns a token. */
  ensureToken(request: FastifyRequest, reply: FastifyReply): string {
    const existing = this.token(request);
    if (existing) return existing;
    const value = randomBytes(24).toString('base64url');
    void reply.setCookie(CSRF_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.sign(`a|${value}`, nonce)}`;
  }

  /** Whether `token` is one of this request's tokens (CsrfGuard checks every form POST with it, AuthGuard the API's cookie writes). */
  valid(request: FastifyRequest, token: unknown): boolean {
    const binding = this.binding(request);
    if (!binding || typeof token !== 'string' || token.length > 200) return false;
    const [nonce, mac, extra] = token.split('.');
    if (!nonce || !mac || extra !== undefined) return false;
    const expected = Buffer.from(this.sign(binding, nonce));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
