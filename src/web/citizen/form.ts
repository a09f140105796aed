import { html, SafeHtml } from '../html';
import { PageContext } from '../layout';

/** One text, e-mail or password control with its label, hint and error (WCAG 1.3.1, 3.3.1, 3.3.2). */
export interface InputSpec {
  id: string;
  label: string;
  type: 'text' | 'email' | 'password';
  /** The entered value, shown again after an error (never for passwords). */
  value?: string;
  hint?: string | null;
  error?: string | null;
  autocomplete: string;
  maxlength: number;
  /** Focus this control when the page opens (the first field in error). */
  autofocus?: boolean;
}

/** The ids the control is described by: its error first, then its hint. */
function describedBy(id: string, error: string | null | undefined, hint: string | null | undefined): string | null {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter((x): x is string => x !== null);
  return ids.length ? ids.join(' ') : null;
}

export function inputField(f: InputSpec): SafeHtml {
  const described = describedBy(f.id, f.error, f.hint);
  return html`<div class="field">
    <label for="${f.id}">${f.label}</label>
    ${f.hint ? html`<span class="hint" id="${f.id}-hint">${f.hint}</span>` : ''}
    ${f.error ? html`<p class="error" id="${f.id}-error">${f.error}</p>` : ''}
    <input type="${f.type}" id="${f.id}" name="${f.id}"${f.type === 'password' ? '' : html` value="${f.value ?? ''}"`} autocomplete="${f.autocomplete}" maxlength="${f.maxlength}" required${described ? html` aria-describedby="${described}"` : ''}${f.error ? html` aria-invalid="true"` : ''}${f.autofocus ? html` autofocus` : ''}>
  </div>`;
}

export interface SelectSpec {
  id: string;
  label: string;
  hint?: string | null;
  value: string;
  options: ReadonlyArray<{ value: string; label: string; lang?: string }>;
}

export function selectField(f: SelectSpec): SafeHtml {
  return html`<div class="field">
    <label for="${f.id}">${f.label}</label>
    ${f.hint ? html`<span class="hint" id="${f.id}-hint">${f.hint}</span>` : ''}
    <select id="${f.id}" name="${f.id}"${f.hint ? html` aria-describedby="${f.id}-hint"` : ''}>
      ${f.options.map((o) => html`<option value="${o.value}"${o.lang ? html` lang="${o.lang}"` : ''}${o.value === f.value ? html` selected` : ''}>${o.label}</option>`)}
    </select>
  </div>`;
}

/** Field errors by field id; the first one in `order` gets the focus. */
export type FieldErrors<K extends string> = Partial<Record<K, string | null>>;

export function firstError<K extends string>(errors: FieldErrors<K>, order: readonly K[]): K | null {
  return order.find((k) => !!errors[k]) ?? null;
}

/** The announcement above a form that has errors (the errors themselves are by their fields). */
export function errorSummary(ctx: PageContext, errors: FieldErrors<string>): SafeHtml | '' {
  return Object.values(errors).some((e) => !!e) ? html`<p class="notice-error" role="alert">${ctx.t.formErrors}</p>` : '';
}

/** A form that is one button (follow, sign up, resend): the CSRF field and hidden values. */
export function buttonForm(action: string, csrf: SafeHtml, label: string, hidden: Record<string, string> = {}, secondary = false): SafeHtml {
  return html`<form class="inline-action" method="post" action="${action}">${csrf}${Object.entries(hidden).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit"${secondary ? html` class="secondary"` : ''}>${label}</button></form>`;
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
