import type { FastifyReply } from 'fastify';

/**
 * Answers that carry a secret of one visitor in their body (a form's CSRF token): never stored by a
 * shared cache and never compressed (BREACH: a compressed secret next to reflected input leaks by
 * the compressed size). The caching hook (src/http-caching.ts) reads the mark.
 */
const formTokenReplies = new WeakSet<FastifyReply>();

/** Marks an answer whose body holds a form token of this visitor. */
export function markFormToken(reply: FastifyReply): void {
  formTokenReplies.add(reply);
}

export function carriesFormToken(reply: FastifyReply): boolean {
  return formTokenReplies.has(reply);
}
