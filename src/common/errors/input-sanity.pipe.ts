import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, validationError } from './validation';

/** Deeper than any request this API takes (its deepest body is notice.documents[i].url: 3). */
export const MAX_INPUT_DEPTH = 32;

const NUL: FieldError['message'] = (t) => t.errors.fields.noNul;
const LONE_SURROGATE: FieldError['message'] = (t) => t.errors.fields.loneSurrogate;
/** Half of a UTF-16 surrogate pair: no character at all, and validator's isEmail/isURL throw on it. */
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TOO_DEEP: FieldError['message'] = (t) => t.errors.fields.tooDeep({ max: MAX_INPUT_DEPTH });

/**
 * Runs before the ValidationPipe on every body, query and path parameter (API and page forms) and
 * refuses with VALIDATION_FAILED what no field can hold: the NUL character (PostgreSQL text cannot
 * store it, so it would fail as a 500 deep in a query), half a surrogate pair (class-validator's
 * isEmail and isUrl throw a URIError on it) and nesting deeper than MAX_INPUT_DEPTH
 * (class-transformer recurses over the whole value and would overflow the stack). Iterative, so the
 * check itself cannot overflow.
 */
@Injectable()
export class InputSanityPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const problem = findProblem(value, metadata.data ?? (metadata.type === 'body' ? '' : metadata.type));
    if (problem) throw validationError([problem]);
    return value;
  }
}

export function findProblem(root: unknown, rootField: string): FieldError | null {
  const stack: { value: unknown; depth: number; field: string }[] = [{ value: root, depth: 0, field: rootField }];
  while (stack.length > 0) {
    const { value, depth, field } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field: field || 'body', constraint: 'noNul', message: NUL };
      if (LONE.test(value)) return { field: field || 'body', constraint: 'wellFormed', message: LONE_SURROGATE };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: field || 'body', constraint: 'maxDepth', message: TOO_DEEP };
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childField = field ? `${field}.${key}` : key;
      if (key.includes('\u0000')) return { field: childField, constraint: 'noNul', message: NUL };
      if (LONE.test(key)) return { field: childField, constraint: 'wellFormed', message: LONE_SURROGATE };
      stack.push({ value: child, depth: depth + 1, field: childField });
    }
  }
  return null;
}
