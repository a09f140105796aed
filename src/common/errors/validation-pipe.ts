import type { ArgumentMetadata, ValidationPipeOptions } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import { InputSanityPipe } from './input-sanity.pipe';
import { flattenValidationErrors, validationError } from './validation';

/**
 * A DTO's fast path: the instance the validation pipe would return for `value`, when a few plain checks
 * show it valid (a subset of what the DTO's decorators accept, converted exactly as class-transformer
 * would), or undefined for anything else, which the full pipe then judges with its usual errors.
 */
export type FastParse<T> = (value: unknown) => T | undefined;

/** Unknown fields refused, values converted, VALIDATION_FAILED with each field's error. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
};

const fastPaths = new Map<abstract new () => unknown, FastParse<unknown>>();

/** Registers a DTO's fast path (next to the DTO; remarks.dto.ts). */
export function fastPath<T>(dto: new () => T, parse: FastParse<T>): void {
  fastPaths.set(dto, parse);
}

/**
 * The global validation pipe: InputSanityPipe's checks, then class-validator and class-transformer on each body and query with a DTO
 * (unknown fields refused, values converted), VALIDATION_FAILED with each field's error otherwise. A DTO
 * on a hot route may have a fast path, which skips class-transformer and class-validator for input it
 * can tell valid: class-validator looks up a class's rules on every call by scanning every validated
 * class, a tenth of a remark page's CPU.
 */
export class AppValidationPipe extends ValidationPipe {
  private readonly sanity = new InputSanityPipe();

  constructor() {
    super(VALIDATION_OPTIONS);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // first what no field can hold (InputSanityPipe); one pipe, not two, for each parameter of each request
    this.sanity.transform(value, metadata);
    const fast =
      metadata.metatype && (metadata.type === 'body' || metadata.type === 'query') ? fastPaths.get(metadata.metatype) : undefined;
    const parsed = fast?.(value);
    return parsed !== undefined ? parsed : super.transform(value, metadata);
  }
}

/** A JSON object or a parsed query string (whatever its prototype), not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether every own key of `value` is one of `allowed` (forbidNonWhitelisted refuses any other). */
export function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!allowed.has(key)) return false;
  return true;
}
