import { AppError } from '../../common/errors/app-error';
import type { ErrorCode } from '../../common/errors/error-codes';
import { errorMessage } from '../../common/errors/error-message';
import type { Locale } from '../../common/i18n/locale';
import type { Errors, FormState } from './form';
import { hasErrors } from './form';

/** The message of a refusal in the reader's language, as the API words it. */
export function errorText(error: AppError, locale: Locale): string {
  return errorMessage(error.code, locale, error.params);
}

/**
 * Where a form shows an expected refusal of the service: above the form ('form'), next to a field,
 * or next to the fields a function chooses (given the refusal and its message).
 */
export type Refusal<K extends string> = 'form' | K | ((error: AppError, text: string) => Errors<K> | Promise<Errors<K>>);

export interface Submission<T, K extends string = string> {
  /** The values typed and the errors found in them (by `check()` against the API's DTO). */
  form: { values: FormState<K>['values']; errors: Errors<NoInfer<K>>; formError?: string | null };
  /** The service call. */
  action: () => Promise<T>;
  /** The service's refusals the form shows; any other error goes on to the error page. */
  refusals?: Partial<Record<ErrorCode, Refusal<NoInfer<K>>>>;
  /** Shows the form again with its state: after field errors (400) or a refusal (its status). */
  render: (state: FormState<K>, status: number) => unknown;
  /** After success: usually a redirect (303) to the page that shows the result. */
  done: (result: T) => unknown;
  /** The status of the page shown after a refusal, when not the refusal's own. */
  refusalStatus?: number;
}

/**
 * The one end of every form POST: field errors show the form again (400) without calling the
 * service; an expected refusal of the service shows it on the form; success calls `done`.
 */
export async function submit<T, K extends string>(locale: Locale, s: Submission<T, K>): Promise<void> {
  if (hasErrors(s.form.errors)) {
    await s.render(s.form, 400);
    return;
  }
  let result: T;
  try {
    result = await s.action();
  } catch (error) {
    const target = error instanceof AppError ? s.refusals?.[error.code] : undefined;
    if (target === undefined) throw error;
    const e = error as AppError;
    const message = errorText(e, locale);
    const state: FormState<K> =
      target === 'form'
        ? { values: s.form.values, errors: {}, formError: message }
        : { values: s.form.values, errors: typeof target === 'function' ? await target(e, message) : ({ [target]: message } as Errors<K>) };
    await s.render(state, s.refusalStatus ?? e.status);
    return;
  }
  await s.done(result);
}

/** The error when it is one of the expected refusals `codes` (shown on the page); any other error is thrown on. */
export function expectedRefusal(error: unknown, codes: readonly ErrorCode[]): AppError {
  if (error instanceof AppError && codes.includes(error.code)) return error;
  throw error;
}
