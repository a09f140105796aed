import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../../common/errors/validation';
import { html, HtmlValue, SafeHtml } from '../html';

/**
 * Form plumbing of the organizer pages. The rules are the API's: a form's values are checked with
 * the same DTO classes (class-validator) the API controllers use, and each failing field is shown
 * next to its control in the reader's language. Controls are rendered by `control()`, which ties
 * the label, hint and error to the control (label for, aria-describedby, aria-invalid).
 */

/** Field name -> message shown next to it. */
export type Errors = Record<string, string>;

/** The values typed, written back after a refusal. */
export type Values = Record<string, string>;

/** What a page's form shows after a refused POST. */
export interface FormState {
  values: Values;
  errors: Errors;
  /** A refusal of the whole form (a business rule), shown above it. */
  formError?: string | null;
}

export function emptyForm(values: Values = {}): FormState {
  return { values, errors: {} };
}

/** A string form value ('' when absent or repeated). */
export function field(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : '';
}

/** The non-empty, trimmed lines of a one-per-line textarea. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Checks `input` with a DTO class of the API. Returns the transformed value and the paths that
 * failed ("title", "documents.0.url").
 */
export async function check<T extends object>(dto: new () => T, input: Record<string, unknown>): Promise<{ value: T; failed: Set<string> }> {
  const value = plainToInstance(dto, input);
  const failed = new Set(flattenValidationErrors(await validate(value, { whitelist: true, forbidNonWhitelisted: true })).map((f) => f.field));
  return { value, failed };
}

/**
 * The messages of the failed fields from a table of field -> message; "speakers.3" falls back to
 * "speakers". `rename` moves a failed path to the field that shows it (e.g. a document row).
 */
export function messagesFor(failed: Set<string>, table: Record<string, string>, rename: (field: string) => string = (f) => f): Errors {
  const errors: Errors = {};
  for (const path of failed) {
    const f = rename(path);
    const key = f in table ? f : f.split('.')[0];
    if (table[key] && !errors[key]) errors[key] = table[key];
  }
  return errors;
}

export function hasErrors(state: FormState): boolean {
  return Object.keys(state.errors).length > 0 || !!state.formError;
}

interface ControlOptions {
  id: string;
  label: string;
  hint?: string | null;
  error?: string | null;
  focus?: boolean;
}

/** The aria attributes of a control: described by its error and hint, invalid when in error. */
export function describedBy(o: { id: string; hint?: string | null; error?: string | null; focus?: boolean }): SafeHtml {
  const ids = [o.error ? `${o.id}-error` : '', o.hint ? `${o.id}-hint` : ''].filter((s) => s).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.focus ? html` autofocus` : ''}`;
}

function helpFor(o: { id: string; hint?: string | null; error?: string | null }): SafeHtml {
  return html`${o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : ''}${o.error ? html`<p class="error" id="${o.id}-error">${o.error}</p>` : ''}`;
}

/** A labelled control: `input` receives the aria attributes to put on the control element. */
export function control(o: ControlOptions, input: (aria: SafeHtml) => SafeHtml): SafeHtml {
  return html`<div class="field"><label for="${o.id}">${o.label}</label>${helpFor(o)}${input(describedBy(o))}</div>`;
}

/** Radio buttons in a fieldset whose legend names the choice. */
export function radios(o: { id: string; name: string; legend: string; value: string; options: ReadonlyArray<readonly [string, HtmlValue]>; hint?: string | null; error?: string | null; focus?: boolean }): SafeHtml {
  return html`<fieldset class="field choices" id="${o.id}"${describedBy({ id: o.id, hint: o.hint, error: o.error })}>
  <legend>${o.legend}</legend>${helpFor(o)}
  ${o.options.map(
    ([value, label], i) => html`<div class="check"><input type="radio" id="${o.id}-${value}" name="${o.name}" value="${value}"${value === o.value ? html` checked` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.focus && i === 0 ? html` autofocus` : ''}>
    <label for="${o.id}-${value}">${label}</label></div>`,
  )}
</fieldset>`;
}

/** The first field of `order` that is in error gets the focus. */
export function focusOf(state: FormState | undefined, order: readonly string[]): string | null {
  return state ? order.find((k) => !!state.errors[k]) ?? null : null;
}

export function alertOf(message: string | null | undefined): SafeHtml {
  return message ? html`<p class="notice-error" role="alert" id="form-error">${message}</p>` : html``;
}

export function flashOf(message: string | null | undefined): SafeHtml {
  return message ? html`<p class="notice-ok" role="status" id="flash">${message}</p>` : html``;
}
