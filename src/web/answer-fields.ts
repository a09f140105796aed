import type { AppError } from '../common/errors/app-error';
import { texts } from '../common/i18n/catalogue';
import type { Locale } from '../common/i18n/locale';
import { isLocale, LOCALES } from '../common/i18n/locale';
import { requiredAnswerLanguage } from '../common/i18n/localized-text';
import type { Choice } from './forms/fields';
import { selectField } from './forms/fields';
import { AnswerDto } from '../remarks/remarks.dto';
import type { Errors, Values } from './forms/form';
import { check, readForm } from './forms/form';
import { localizedField, localizedInput, localizedNames } from './forms/localized-fields';
import type { SafeHtml } from './html';
import { html } from './html';
import type { PageContext } from './layout';

/**
 * The pages' side of a remark's language (issue 15): its name, the remark form's choice, the remark
 * body marked with its language, and the answer fields that start in it (Law on Languages, art. 11).
 */

/** The remark form's choices: the service's languages, and "another language" (stored as `und`). */
export const REMARK_LANGUAGE_CHOICES = [...LOCALES, 'und'] as const;

/** A remark language's name in the reader's language: the catalogue's for kk, ru and en, else Intl's. */
export function languageName(code: string, reader: Locale): string {
  const t = texts(reader);
  if (isLocale(code)) return t.common.languageNames[code];
  if (code === 'und') return t.remarks.languages.unknown;
  try {
    return new Intl.DisplayNames([reader], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The remark form's language select, starting in the page's language (the author may choose another). */
export function remarkLanguageField(ctx: PageContext, value: string | undefined): SafeHtml {
  const l = texts(ctx.locale).remarks.languages;
  // each language named in itself (pages.common.languageNames), as the language switcher does
  const choices: Choice[] = [...LOCALES.map((lang) => [lang, ctx.t.languageNames[lang], lang] as const), ['und', l.other] as const];
  return selectField({
    id: 'remark-language',
    name: 'language',
    errorId: 'remark-language-error',
    hintId: 'remark-language-hint',
    label: l.choiceLabel,
    hint: l.choiceHint,
    error: null,
    value: value && (REMARK_LANGUAGE_CHOICES as readonly string[]).includes(value) ? value : ctx.locale,
    choices,
  });
}

/** The language a remark form sent: one of the choices, else the page's. */
export function chosenRemarkLanguage(value: string, pageLocale: Locale): string {
  return (REMARK_LANGUAGE_CHOICES as readonly string[]).includes(value) ? value : pageLocale;
}

/** The `lang` attribute of a remark's text (none for "another language": the page cannot say which). */
export function remarkLang(language: string): SafeHtml | '' {
  return language && language !== 'und' ? html` lang="${language}"` : '';
}

/** A remark's text marked with its language, and a note when that is not the page's. */
export function remarkBody(ctx: PageContext, body: string, language: string, className = 'body'): SafeHtml {
  const note =
    language && language !== ctx.locale
      ? html`<p class="meta remark-language">${texts(ctx.locale).remarks.languages.writtenIn({ language: languageName(language, ctx.locale) })}</p>`
      : '';
  return html`${note}<p class="${className}"${remarkLang(language)}>${body}</p>`;
}

/** The state language an answer form starts in: the remark's when Kazakh or Russian, else the page's, else Russian. */
export function answerFirstLanguage(remarkLanguage: string, pageLocale: Locale): 'kk' | 'ru' {
  const required = requiredAnswerLanguage(remarkLanguage);
  if (required === 'kk' || required === 'ru') return required;
  return pageLocale === 'kk' ? 'kk' : 'ru';
}

/** What the law asks of the answer to this remark, in the reader's words. */
export function answerLanguageHint(ctx: PageContext, remarkLanguage: string): string {
  const l = texts(ctx.locale).remarks.languages;
  const language = languageName(remarkLanguage, ctx.locale);
  return requiredAnswerLanguage(remarkLanguage) ? l.answerNeeds({ language }) : l.answerEither({ language });
}

export interface AnswerTextOptions {
  /** Field names `<base>_kk`, `<base>_ru`, `<base>_en` (unique on the page). */
  base: string;
  remarkLanguage: string;
  legend: string;
  values: Values;
  errors?: Errors;
  maxlength: number;
  rows?: number;
  /** The first field takes the focus (a page of its own), or the first in error does. */
  focus?: boolean;
  /** False when a field before this text is in error and has the focus. */
  focusErrors?: boolean;
  showMissing?: boolean;
  hint?: string;
}

/** A published text of the answer in Kazakh and Russian side by side, starting in the remark's language; English folded. */
export function answerTextField(ctx: PageContext, o: AnswerTextOptions): SafeHtml {
  const first = answerFirstLanguage(o.remarkLanguage, ctx.locale);
  const second = first === 'kk' ? 'ru' : 'kk';
  const inError = [first, second, 'en'].map((lang) => `${o.base}_${lang}`).find((id) => o.errors?.[id]);
  return localizedField(ctx, {
    base: o.base,
    legend: o.legend,
    hint: o.hint,
    values: o.values,
    errors: o.errors,
    multiline: true,
    rows: o.rows ?? 5,
    maxlength: o.maxlength,
    focus: o.focusErrors === false ? null : (inError ?? (o.errors?.[o.base] || o.focus ? `${o.base}_${first}` : null)),
    showMissing: o.showMissing,
    first,
  });
}

/**
 * A refusal TRANSLATION_REQUIRED (`missing: ['body.kk', ...]`) or TRANSLATION_EXISTS (`languages`) on the
 * fields that show it, in the reader's words: `bases` maps the API's field (`body`, `reason`) to the
 * form's base name. When both state languages are missing for a text, either will do.
 */
export function translationErrors(error: AppError, message: string, reader: Locale, bases: Record<string, string>): Errors {
  const l = texts(reader).remarks.languages;
  const errors: Errors = {};
  const missing = Array.isArray(error.fields.missing) ? (error.fields.missing as string[]) : [];
  for (const [field, base] of Object.entries(bases)) {
    const langs = missing.filter((entry) => entry.startsWith(`${field}.`)).map((entry) => entry.slice(field.length + 1));
    for (const lang of langs) {
      errors[`${base}_${lang}`] = langs.length > 1 ? l.missingEither : l.missingOne({ language: languageName(lang, reader) });
    }
  }
  const languages = Array.isArray(error.fields.languages) ? (error.fields.languages as string[]) : [];
  const firstBase = Object.values(bases)[0];
  for (const lang of languages) errors[`${firstBase}_${lang}`] = message;
  if (Object.keys(errors).length === 0) errors[firstBase] = message;
  return errors;
}

/** The base name of a remark's answer text fields on a page with many answer forms: `answer-<id>_kk`, `_ru`, `_en`. */
export function answerBase(remarkId: string): string {
  return `answer-${remarkId}`;
}

/**
 * An answer form as sent (the plan page's and the queue's): the disposition and the text in each
 * language under `base`, checked with the API's AnswerDto; a text error shows on the group `base`.
 */
export async function checkAnswerForm(
  body: unknown,
  base: string,
  messages: { disposition: string; body: string },
): Promise<{ values: Values; errors: Errors; value: AnswerDto }> {
  const values: Values = { ...readForm(body, ['disposition'] as const), ...readForm(body, localizedNames(base)) };
  const checked = await check(AnswerDto, { disposition: values.disposition, body: localizedInput(body, base) }, messages);
  return { values, errors: { disposition: checked.errors.disposition, [base]: checked.errors.body }, value: checked.value };
}
