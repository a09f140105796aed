import type { ValidationError } from 'class-validator';
import type { Catalogue, LocalText } from '../i18n/catalogue';
import { textIn } from '../i18n/catalogue';
import type { Locale } from '../i18n/locale';
import { AppError } from './app-error';

/**
 * What went wrong with one field, in words a person understands. The message is usually a catalogue
 * text, `(t) => t.errors.fields.invalid`; a {kk, ru, en} value is still accepted.
 */
export interface FieldError {
  field: string;
  constraint: string;
  message: Exclude<LocalText, number>;
}

/** The message of a class-validator constraint (catalogue section errors.fields). */
function constraintMessage(t: Catalogue, constraint: string): string {
  const messages: Record<string, string> = t.errors.fields.constraints;
  return Object.hasOwn(messages, constraint) ? messages[constraint] : t.errors.fields.invalid;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const constraint of Object.keys(error.constraints ?? {})) {
      out.push({ field, constraint, message: (t) => constraintMessage(t, constraint) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** A VALIDATION_FAILED error whose message lists each field and whose details carry them. */
export function validationError(fields: FieldError[]): AppError {
  const details: LocalText = (_t, locale) => fields.map((f) => `${f.field} ${textIn(f.message, locale)}`).join('; ');
  return new AppError('VALIDATION_FAILED', { details }, fields);
}

/** The field errors of a VALIDATION_FAILED error in one language, as the API returns them. */
export function fieldErrorsIn(fields: FieldError[], locale: Locale): { field: string; constraint: string; message: string }[] {
  return fields.map((f) => ({ field: f.field, constraint: f.constraint, message: textIn(f.message, locale) }));
}
