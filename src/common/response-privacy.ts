import type { FastifyReply } from 'fastify';

/**
 * Answers that carry a secret of one visitor in their body (a form's CSRF token): never stored by a
 * shared cache and never compressed (BREACH: a compressed secret next to reflected input leaks by
 * the compressed size). The caching hook (src/http-caching.ts) reads the mark.
 */
const formTokenReplies = new WeakSet<FastifyReply>();

/**
 * Answers personal to the link that was opened (a token in the URL: unsubscribe, e-mail
 * verification, password reset): their body names the link's owner (an e-mail address), so they are
 * `no-store` with no ETag, even for an anonymous visitor, and never compressed.
 */
const personalReplies = new WeakSet<FastifyReply>();

/** Marks an answer whose body holds a form token of this visitor. */
export function markFormToken(reply: FastifyReply): void {
  formTokenReplies.add(reply);
}

export function carriesFormToken(reply: FastifyReply): boolean {
  return formTokenReplies.has(reply);
}

/** Marks an answer whose body is personal to the token of the link it answers. */
export function markPersonal(reply: FastifyReply): void {
  personalReplies.add(reply);
}

export function isPersonal(reply: FastifyReply): boolean {
  return personalReplies.has(reply);
}
