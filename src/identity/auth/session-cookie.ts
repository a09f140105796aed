import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/config';
import { SESSION_COOKIE } from './auth.guard';
import { SESSION_TTL_SECONDS } from './token.service';

/** The session cookie's attributes, the same for the API's and the pages' sign-in and sign-out. */
function attributes(config: AppConfig) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.publicUrl.startsWith('https:') };
}

export function setSessionCookie(reply: FastifyReply, config: AppConfig, accessToken: string): void {
  void reply.setCookie(SESSION_COOKIE, accessToken, { ...attributes(config), maxAge: SESSION_TTL_SECONDS });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  void reply.clearCookie(SESSION_COOKIE, attributes(config));
}
