import type { Locale } from '../../common/i18n/locale';
import { LOCALES, interpolate } from '../../common/i18n/locale';
import type { LocalizedInput, LocalizedText } from '../../common/i18n/localized-text';
import { STATE_LANGUAGES } from '../../common/i18n/localized-text';
import type { HtmlValue, SafeHtml } from '../html';
import { html } from '../html';
import type { PageContext } from '../layout';
import { aria } from './fields';
import type { Errors, Values } from './form';
import { text } from './form';

/** The form field names of a published text: `title_kk`, `title_ru`, `title_en`. */
export function localizedNames<B extends string>(base: B): [`${B}_kk`, `${B}_ru`, `${B}_en`] {
  return [`${base}_kk`, `${base}_ru`, `${base}_en`];
}

/** The versions typed for `base` (trimmed; blank is absent), as the API's LocalizedInput. */
export function localizedInput(body: unknown, base: string): Partial<Record<Locale, string>> {
  const input: Partial<Record<Locale, string>> = {};
  for (const lang of LOCALES) {
    const value = text(body, `${base}_${lang}`).trim();
    if (value) input[lang] = value;
  }
  return input;
}

/** The control that takes the focus for the first field in error: a text's group error focuses its Kazakh field. */
export function localizedFocus(first: string | null, bases: readonly string[]): string | null {
  return first !== null && bases.includes(first) ? `${first}_kk` : first;
}

/** The texts typed for each of `bases` (those left blank in every language are left out), as a translation write takes them. */
export function localizedInputs(body: unknown, bases: readonly string[]): Record<string, Partial<Record<Locale, string>>> {
  const inputs: Record<string, Partial<Record<Locale, string>>> = {};
  for (const base of bases) {
    const input = localizedInput(body, base);
    if (Object.keys(input).length > 0) inputs[base] = input;
  }
  return inputs;
}

/** True when nothing was typed in any language of `base`. */
export function localizedBlank(input: LocalizedInput): boolean {
  return typeof input === 'string' ? input.trim() === '' : Object.values(input).every((v) => !v || !v.trim());
}

/** The form values of a stored text, to prefill its fields. */
export function localizedValues(base: string, stored: LocalizedText | null | undefined): Values {
  const values: Values = {};
  for (const lang of LOCALES) values[`${base}_${lang}`] = stored?.get(lang) ?? '';
  return values;
}

export interface LocalizedFieldOptions {
  /** The base name: fields are `<base>_kk`, `<base>_ru`, `<base>_en`. */
  base: string;
  legend: HtmlValue;
  hint?: HtmlValue;
  values: Values;
  /** Errors by field name (`<base>_kk`, ...); an error on `<base>` itself shows on the group. */
  errors?: Errors;
  multiline?: boolean;
  rows?: number;
  maxlength?: number;
  /** Kazakh and Russian are both needed (a plan's title before publication): each gets `required`. */
  requireBoth?: boolean;
  /** The first field in error, or the first of the form, takes the focus. */
  focus?: string | null;
  /** Mark empty Kazakh and Russian fields "not translated yet" (a published text's translation form). */
  showMissing?: boolean;
  /** The state language shown first (an answer starts in its remark's language); Kazakh by default. */
  first?: 'kk' | 'ru';
}

/**
 * One published text in the three languages: Kazakh and Russian side by side (each input with its
 * `lang`, so spell-checkers and screen readers use the right language), English folded as optional.
 */
export function localizedField(ctx: PageContext, o: LocalizedFieldOptions): SafeHtml {
  const t = ctx.t.localizedFields;
  const groupError = o.errors?.[o.base] ?? null;
  const groupErrorId = `${o.base}-error`;
  const control = (lang: Locale): SafeHtml => {
    const id = `${o.base}_${lang}`;
    const error = o.errors?.[id] ?? null;
    const missing = o.showMissing && (STATE_LANGUAGES as readonly string[]).includes(lang) && !(o.values[id] ?? '').trim();
    const f = { id, label: t[lang], error, focus: o.focus === id, hint: missing ? t.missing : undefined };
    const attributes = html`${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.requireBoth && lang !== 'en' ? html` required` : ''}${aria(f)}`;
    const input = o.multiline
      ? html`<textarea id="${id}" name="${id}" lang="${lang}" rows="${o.rows ?? 5}"${attributes}>${o.values[id] ?? ''}</textarea>`
      : html`<input type="text" id="${id}" name="${id}" lang="${lang}" value="${o.values[id] ?? ''}"${attributes}>`;
    return html`<div class="field"><label for="${id}">${f.label}</label>${missing ? html`<span class="hint" id="${id}-hint">${t.missing}</span>` : ''}${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}${input}</div>`;
  };
  const englishOpen = Boolean((o.values[`${o.base}_en`] ?? '').trim() || o.errors?.[`${o.base}_en`]);
  return html`<fieldset class="field localized" id="${o.base}"${groupError ? html` aria-describedby="${groupErrorId}"` : ''}>
  <legend>${o.legend}</legend>
  ${o.hint ? html`<span class="hint">${o.hint}</span>` : ''}${o.requireBoth ? html`<span class="hint">${t.requiredBoth}</span>` : ''}
  ${groupError ? html`<p class="error" id="${groupErrorId}">${groupError}</p>` : ''}
  <div class="lang-pair">${o.first === 'ru' ? html`${control('ru')}${control('kk')}` : html`${control('kk')}${control('ru')}`}</div>
  <details class="lang-optional"${englishOpen ? html` open` : ''}><summary>${t.en}</summary>${control('en')}</details>
</fieldset>`;
}

/** "Translations still missing: title (Kazakh), description (Kazakh)." for texts whose state languages are incomplete; empty when none. */
export function missingTranslationsNote(ctx: PageContext, texts: readonly { label: string; text: LocalizedText | null }[]): SafeHtml {
  const names = ctx.t.languageNames;
  const list = texts.flatMap(({ label, text }) => (text ? text.missing() : STATE_LANGUAGES).map((lang) => `${label} (${names[lang]})`));
  return list.length
    ? html`<p class="notice-warning" role="note">${interpolate(ctx.t.localizedFields.missingSummary, { list: list.join(', ') })}</p>`
    : html``;
}
