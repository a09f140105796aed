import type { HtmlValue, SafeHtml } from '../html';
import { html } from '../html';
import { csrfField } from './csrf';

/**
 * The controls of every form: each has a <label for>, its hint and error are tied to it with
 * aria-describedby (error first), an error sets aria-invalid, and `focus` (the first field in
 * error) sets autofocus (WCAG 1.3.1, 3.3.1, 3.3.2). Values typed are written back, never a password.
 */
export interface FieldOptions {
  id: string;
  label: HtmlValue;
  hint?: HtmlValue;
  error?: string | null;
  focus?: boolean;
  /** Ids of the error and hint elements when not `<id>-error` and `<id>-hint`. */
  errorId?: string;
  hintId?: string;
}

interface ControlOptions extends FieldOptions {
  /** The submitted name; the id when absent. */
  name?: string;
  required?: boolean;
  maxlength?: number;
}

function helpIds(o: FieldOptions): { error: string; hint: string } {
  return { error: o.errorId ?? `${o.id}-error`, hint: o.hintId ?? `${o.id}-hint` };
}

function help(o: FieldOptions): SafeHtml {
  const ids = helpIds(o);
  return html`${o.hint ? html`<span class="hint" id="${ids.hint}">${o.hint}</span>` : ''}${o.error ? html`<p class="error" id="${ids.error}">${o.error}</p>` : ''}`;
}

function describedBy(o: FieldOptions): SafeHtml {
  const ids = helpIds(o);
  const list = [o.error ? ids.error : '', o.hint ? ids.hint : ''].filter((s) => s).join(' ');
  return html`${list ? html` aria-describedby="${list}"` : ''}`;
}

/** The attributes of a control: described by its error and hint, invalid when in error, focused when first in error. */
export function aria(o: FieldOptions): SafeHtml {
  return html`${describedBy(o)}${o.error ? html` aria-invalid="true"` : ''}${o.focus ? html` autofocus` : ''}`;
}

function common(o: ControlOptions): SafeHtml {
  return html`${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.required ? html` required` : ''}`;
}

/** A labelled control; `control` receives the aria attributes to put on the control element. */
export function field(o: FieldOptions, control: (attributes: SafeHtml) => SafeHtml): SafeHtml {
  return html`<div class="field"><label for="${o.id}">${o.label}</label>${help(o)}${control(aria(o))}</div>`;
}

export function textField(
  o: ControlOptions & {
    value?: string;
    type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'url';
    autocomplete?: string;
    inputmode?: string;
    extra?: SafeHtml;
  },
): SafeHtml {
  const type = o.type ?? 'text';
  return field(
    o,
    (a) =>
      html`<input type="${type}" id="${o.id}" name="${o.name ?? o.id}"${type === 'password' ? '' : html` value="${o.value ?? ''}"`}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${common(o)}${o.extra ?? ''}${a}>`,
  );
}

export function textArea(o: ControlOptions & { value: string; rows?: number }): SafeHtml {
  return field(o, (a) => html`<textarea id="${o.id}" name="${o.name ?? o.id}" rows="${o.rows ?? 5}"${common(o)}${a}>${o.value}</textarea>`);
}

/** One choice of a select or radio group: value, label and (for a language name) its lang. */
export type Choice = readonly [value: string, label: HtmlValue, lang?: string];

function options(choices: readonly Choice[], value: string): SafeHtml {
  return html`${choices.map(([v, label, lang]) => html`<option value="${v}"${lang ? html` lang="${lang}"` : ''}${v === value ? html` selected` : ''}>${label}</option>`)}`;
}

/**
 * A select; a required one starts with an empty option (`placeholder`), as HTML requires (a
 * browser would otherwise submit its first choice without the person choosing it).
 */
export function selectField(
  o: ControlOptions & { value: string; choices: readonly Choice[] } & (
      { required?: false; placeholder?: string } | { required: true; placeholder: string }
    ),
): SafeHtml {
  if (o.required && o.placeholder === undefined) throw new Error(`the required select ${o.id} needs a placeholder (an empty first option)`);
  return field(
    o,
    (a) => html`<select id="${o.id}" name="${o.name ?? o.id}"${o.required ? html` required` : ''}${a}>
      ${o.placeholder !== undefined ? html`<option value="">${o.placeholder}</option>` : ''}
      ${options(o.choices, o.value)}
    </select>`,
  );
}

export function checkboxField(o: ControlOptions & { checked: boolean; value?: string }): SafeHtml {
  return html`<div class="field check">
    <input type="checkbox" id="${o.id}" name="${o.name ?? o.id}" value="${o.value ?? 'true'}"${o.checked ? html` checked` : ''}${o.required ? html` required` : ''}${aria(o)}>
    <label for="${o.id}">${o.label}</label>
    ${help(o)}
  </div>`;
}

/** Radio buttons in a fieldset whose legend names the choice; the hint and error belong to the group. */
export function radioGroup(o: Omit<ControlOptions, 'label'> & { legend: HtmlValue; value: string; choices: readonly Choice[] }): SafeHtml {
  const withLabel = { ...o, label: o.legend };
  return html`<fieldset class="field choices" id="${o.id}"${describedBy(withLabel)}>
  <legend>${o.legend}</legend>
  ${help(withLabel)}
  ${o.choices.map(
    ([value, label], i) => html`<div class="check">
    <input type="radio" id="${o.id}-${value}" name="${o.name ?? o.id}" value="${value}"${value === o.value ? html` checked` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.required ? html` required` : ''}${o.focus && i === 0 ? html` autofocus` : ''}>
    <label for="${o.id}-${value}">${label}</label>
  </div>`,
  )}
</fieldset>`;
}

/** The alert above a form: a refusal of the whole form, or that its fields have errors. */
export function formAlert(message: string | null | undefined, id = 'form-error'): SafeHtml {
  return message ? html`<p class="notice-error" role="alert" id="${id}">${message}</p>` : html``;
}

/** The confirmation after a successful POST (its redirect carries ?done=...). */
export function flash(message: string | SafeHtml | null | undefined, id = 'flash'): SafeHtml {
  return message ? html`<p class="notice-ok" role="status" id="${id}">${message}</p>` : html``;
}

/** A form that is one button (follow, sign up, publish, remove): the CSRF field and hidden values. */
export function buttonForm(o: {
  action: string;
  csrf: string | null | undefined;
  label: HtmlValue;
  hidden?: Record<string, string>;
  secondary?: boolean;
  className?: string;
  buttonAttributes?: SafeHtml;
}): SafeHtml {
  return html`<form class="${o.className ?? 'inline-action'}" method="post" action="${o.action}">${csrfField(o.csrf)}${Object.entries(
    o.hidden ?? {},
  ).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit"${o.secondary ? html` class="secondary"` : ''}${o.buttonAttributes ?? ''}>${o.label}</button></form>`;
}
