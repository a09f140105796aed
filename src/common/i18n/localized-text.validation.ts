import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { ValidationOptions } from 'class-validator';
import { registerDecorator } from 'class-validator';
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

/**
 * The OpenAPI schema of one published text: a string, or `{kk?, ru?, en?}`, each version at most `max`;
 * `nullable` also allows null (an item of a translation list that is skipped).
 */
export function localizedTextSchema(max: number, options: { nullable?: boolean } = {}) {
  const version = { type: 'string' as const, maxLength: max, nullable: true };
  return {
    oneOf: [
      { type: 'string' as const, maxLength: max },
      {
        type: 'object' as const,
        properties: { kk: version, ru: version, en: version },
        additionalProperties: false,
        ...(options.nullable ? { nullable: true } : {}),
      },
    ],
  };
}

/** The OpenAPI schema of a list of published texts (protocol speakers, decisions, recommendations). */
export function localizedListSchema(max: number, description: string, options: { nullableItems?: boolean } = {}) {
  return {
    type: 'array' as const,
    description: `${description} Each item a string in the language of Content-Language (else the sender's), or {kk?, ru?, en?}; each version at most ${max} characters.`,
    items: localizedTextSchema(max, { nullable: options.nullableItems }),
  };
}

/**
 * The OpenAPI description and the validation of a published text in a request body: a string in the
 * request's language (Content-Language, else the sender's) or `{kk?, ru?, en?}`, each version at most `max`.
 */
export function LocalizedTextField(max: number, options: { required?: boolean; description?: string } = {}): PropertyDecorator {
  const required = options.required ?? true;
  return applyDecorators(
    ApiProperty({
      required,
      description: `${options.description ? `${options.description} ` : ''}A string in the language of Content-Language (else the sender's account language), or {kk?, ru?, en?}; each version at most ${max} characters.`,
      ...localizedTextSchema(max),
    }),
    IsLocalizedText(max),
  );
}
