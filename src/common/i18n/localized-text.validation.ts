import { ValidationOptions, registerDecorator } from 'class-validator';
import { isLocale } from './locale';

function versions(value: unknown): unknown[] | null {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.some(([key, text]) => !isLocale(key) || (text !== null && typeof text !== 'string'))) return null;
  return entries.map(([, text]) => text).filter((text) => text !== null);
}

/** A string, or `{kk?, ru?, en?}` with only those keys, string or null values, and at least one non-blank version. */
export function isLocalizedInput(value: unknown): boolean {
  const texts = versions(value);
  return texts !== null && texts.some((text) => typeof text === 'string' && text.trim() !== '');
}

/** Every version (trimmed) is at most `max` characters. */
export function localizedWithin(value: unknown, max: number): boolean {
  const texts = versions(value);
  return texts === null || texts.every((text) => (text as string).trim().length <= max);
}

/**
 * A published text (LocalizedInput): a string in the request's language, or `{kk?, ru?, en?}`.
 * Fails with the constraint `localizedText` (shape, or nothing written) or `maxLength` (a version too long).
 */
export function IsLocalizedText(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    const base = { target: target.constructor, propertyName: propertyName as string, options };
    registerDecorator({ ...base, name: 'localizedText', validator: { validate: (value: unknown) => isLocalizedInput(value) } });
    registerDecorator({
      ...base,
      name: 'maxLength',
      constraints: [max],
      validator: { validate: (value: unknown) => localizedWithin(value, max) },
    });
  };
}
