import type { SafeHtml } from '../html';
import { html } from '../html';

/** The token signing lives in identity/auth (the API's ApiCsrfGuard checks the same tokens). */
export { Csrf, CSRF_COOKIE } from '../../identity/auth/csrf';

/** Name of the hidden field of every POST form. */
export const CSRF_FIELD = '_csrf';

/** The hidden CSRF field of a POST form. */
export function csrfField(token: string | null | undefined): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token ?? ''}">`;
}
