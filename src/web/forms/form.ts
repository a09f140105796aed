import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../../common/errors/validation';

/** The values typed into a form, by field name, written back after a refusal. */
export type Values<K extends string = string> = Record<K, string>;

/** The message shown next to each field in error. */
export type Errors<K extends string = string> = Partial<Record<K, string | null>>;

/** What a form shows: the values typed, the errors by field, and a refusal of the whole form. */
export interface FormState<K extends string = string> {
  values: Values<K>;
  errors: Errors<K>;
  formError?: string | null;
}

export function emptyForm<K extends string>(fields: readonly K[] = [], defaults: Partial<Values<K>> = {}): FormState<K> {
  const values = {} as Values<K>;
  for (const k of fields) values[k] = defaults[k] ?? '';
  return { values, errors: {} };
}

export function hasErrors(errors: Errors): boolean {
  return Object.values(errors).some((e) => !!e);
}

/** The first field of `order` that is in error: it takes the focus. */
export function firstError<K extends string>(errors: Errors<K> | undefined, order: readonly K[]): K | null {
  return errors ? (order.find((k) => !!errors[k]) ?? null) : null;
}

/** A string value of a submitted form ('' when absent, repeated or not text). */
export function text(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The distinct string values of a field sent any number of times (checkboxes of one name); others are ignored. */
export function textList(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}

/** The values of `fields` from a submitted form; `trim` names the fields whose spaces around do not count. */
export function readForm<K extends string>(body: unknown, fields: readonly K[], trim: readonly K[] = []): Values<K> {
  const values = {} as Values<K>;
  for (const k of fields) values[k] = trim.includes(k) ? text(body, k).trim() : text(body, k);
  return values;
}

/** The non-empty, trimmed lines of a one-per-line textarea. */
export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** "Fill in this field" (or another message) for each of `fields` left blank. */
export function required<K extends string>(values: Values<K>, fields: readonly K[], message: string): Errors<K> {
  const errors: Errors<K> = {};
  for (const k of fields) if (!values[k].trim()) errors[k] = message;
  return errors;
}

/** The message of a failed field: a text, or one chosen by the failed class-validator constraints. */
export type Message = string | ((constraints: readonly string[]) => string);

/**
 * The messages of failed fields (paths such as "speakers.3", or class-validator failures with their
 * constraint) from a table of field -> message; "speakers.3" falls back to "speakers", and `rename`
 * moves a failed path to the field that shows it (a document row of a list). Fields without a
 * message are ignored.
 */
export function messagesFor<K extends string>(
  failed: Iterable<string | { field: string; constraint: string }>,
  messages: Partial<Record<K, Message>>,
  rename: (path: string) => string = (path) => path,
): Errors<K> {
  const constraints = new Map<K, string[]>();
  for (const f of failed) {
    const path = rename(typeof f === 'string' ? f : f.field);
    const key = (path in messages ? path : path.split('.')[0]) as K;
    if (messages[key] !== undefined) constraints.set(key, [...(constraints.get(key) ?? []), typeof f === 'string' ? '' : f.constraint]);
  }
  const errors: Errors<K> = {};
  for (const [key, list] of constraints) {
    const message = messages[key] as Message;
    errors[key] = typeof message === 'function' ? message(list) : message;
  }
  return errors;
}

/**
 * Checks `input` with a DTO class of the API (the same class-validator rules as the API's
 * ValidationPipe) and returns the transformed value with the message of each failed field (messagesFor),
 * open to the errors of the page's own rules.
 */
export async function check<T extends object, K extends string>(
  dto: new () => T,
  input: Record<string, unknown>,
  messages: Partial<Record<K, Message>>,
  rename?: (path: string) => string,
): Promise<{ value: T; errors: Errors }> {
  const value = plainToInstance(dto, input);
  const failed = flattenValidationErrors(await validate(value, { whitelist: true, forbidNonWhitelisted: true }));
  return { value, errors: messagesFor(failed, messages, rename) };
}

/** The message of a required text with a maximum length: `tooLong` past the maximum (maxLength), `required` otherwise. */
export function lengthMessage(required: string, tooLong: string): Message {
  return (failed) => (failed.includes('maxLength') ? tooLong : required);
}
