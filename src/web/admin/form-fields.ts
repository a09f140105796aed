import { html, SafeHtml } from '../html';

/**
 * Form controls of the staff pages (council and administrator): every control has a <label for>,
 * its hint and error are tied to it with aria-describedby, an error sets aria-invalid, and the
 * first field in error takes the focus. The values typed are written back after a refusal.
 */

export type FieldErrors<K extends string = string> = Partial<Record<K, string | null>>;

/** The first of `order` that has an error: it gets autofocus. */
export function firstError<K extends string>(errors: FieldErrors<K>, order: readonly K[]): K | null {
  return order.find((k) => !!errors[k]) ?? null;
}

interface Common {
  id: string;
  name: string;
  label: string;
  hint?: string | null;
  error?: string | null;
  autofocus?: boolean;
  required?: boolean;
}

function helpText(o: Pick<Common, 'id' | 'hint' | 'error'>): SafeHtml {
  return html`${o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : ''}${o.error ? html`<p class="error" id="${o.id}-error">${o.error}</p>` : ''}`;
}

/** aria-describedby (error first), aria-invalid, required and autofocus of a control. */
function aria(o: Common): SafeHtml {
  const ids = [o.error ? `${o.id}-error` : null, o.hint ? `${o.id}-hint` : null].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.required ? html` required` : ''}${o.autofocus ? html` autofocus` : ''}`;
}

export function textField(o: Common & { value: string; type?: 'text' | 'email' | 'password' | 'date'; maxlength?: number; autocomplete?: string; inputmode?: 'numeric' }): SafeHtml {
  return html`<div class="field">
    <label for="${o.id}">${o.label}</label>
    ${helpText(o)}
    <input type="${o.type ?? 'text'}" id="${o.id}" name="${o.name}" value="${o.type === 'password' ? '' : o.value}"${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${aria(o)}>
  </div>`;
}

export function textArea(o: Common & { value: string; rows?: number; maxlength?: number }): SafeHtml {
  return html`<div class="field">
    <label for="${o.id}">${o.label}</label>
    ${helpText(o)}
    <textarea id="${o.id}" name="${o.name}" rows="${o.rows ?? 5}"${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${aria(o)}>${o.value}</textarea>
  </div>`;
}

export function selectField(o: Common & { value: string; options: ReadonlyArray<readonly [string, string]>; placeholder?: string }): SafeHtml {
  return html`<div class="field">
    <label for="${o.id}">${o.label}</label>
    ${helpText(o)}
    <select id="${o.id}" name="${o.name}"${aria(o)}>
      ${o.placeholder !== undefined ? html`<option value="">${o.placeholder}</option>` : ''}
      ${o.options.map(([value, label]) => html`<option value="${value}"${value === o.value ? html` selected` : ''}>${label}</option>`)}
    </select>
  </div>`;
}

export function checkboxField(o: Common & { checked: boolean; value?: string }): SafeHtml {
  return html`<div class="field check">
    <input type="checkbox" id="${o.id}" name="${o.name}" value="${o.value ?? 'true'}"${o.checked ? html` checked` : ''}${aria(o)}>
    <label for="${o.id}">${o.label}</label>
    ${helpText(o)}
  </div>`;
}

/** Radio buttons in a fieldset whose legend names the choice; the error and hint belong to the group. */
export function radioGroup(o: Omit<Common, 'label'> & { legend: string; value: string; options: ReadonlyArray<readonly [string, string]> }): SafeHtml {
  const ids = [o.error ? `${o.id}-error` : null, o.hint ? `${o.id}-hint` : null].filter(Boolean).join(' ');
  return html`<fieldset class="field choices" id="${o.id}"${ids ? html` aria-describedby="${ids}"` : ''}>
    <legend>${o.legend}</legend>
    ${helpText(o)}
    ${o.options.map(
      ([value, label], i) => html`<div class="check">
        <input type="radio" id="${o.id}-${value}" name="${o.name}" value="${value}"${value === o.value ? html` checked` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.required ? html` required` : ''}${o.autofocus && i === 0 ? html` autofocus` : ''}>
        <label for="${o.id}-${value}">${label}</label>
      </div>`,
    )}
  </fieldset>`;
}

/** The alert above a refused form. */
export function formAlert(message: string | null | undefined, id = 'form-error'): SafeHtml {
  return message ? html`<p class="notice-error" role="alert" id="${id}">${message}</p>` : html``;
}

/** The confirmation after a successful POST (redirect with ?done=...). */
export function flash(message: string | null | undefined): SafeHtml {
  return message ? html`<p class="notice-ok" role="status" id="flash">${message}</p>` : html``;
}
