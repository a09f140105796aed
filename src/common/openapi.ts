import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One field a request got wrong (VALIDATION_FAILED details). */
export class ApiFieldError {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'isEmail' }) constraint!: string;
  @ApiProperty({ description: "In the request's language" }) message!: string;
}

/** The body of every refusal: a stable code and a message in the Accept-Language of the request. */
export class ApiErrorBody {
  @ApiProperty({ description: 'Stable, machine-readable; see the error codes in the README', example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ description: "In the request's language (kk, ru, en)" })
  message!: string;

  @ApiPropertyOptional({
    description: 'VALIDATION_FAILED: one entry per field; other codes may carry their own data',
    oneOf: [{ type: 'array', items: { $ref: '#/components/schemas/ApiFieldError' } }, { type: 'object' }, { type: 'string' }],
  })
  details?: unknown;
}

/** `{"error": {"code", "message"}}`, with the named fields some codes add beside them (e.g. `missing`). */
export class ApiErrorResponse {
  @ApiProperty({ type: ApiErrorBody })
  error!: ApiErrorBody;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (VALIDATION_FAILED with the fields, or another 400 code)',
  401: 'Not signed in, or the session ended (UNAUTHENTICATED, SESSION_EXPIRED)',
  403: 'Signed in but not allowed (FORBIDDEN, EMAIL_NOT_VERIFIED, ...)',
  404: 'No such resource, or not visible to the caller (NOT_FOUND)',
  409: 'The state does not allow it (e.g. WINDOW_CLOSED, ALREADY_ANSWERED)',
  413: 'The body is too large (PAYLOAD_TOO_LARGE)',
  415: 'Not JSON (UNSUPPORTED_MEDIA_TYPE)',
  422: 'Understood but refused by a rule of the procedure (e.g. HEARING_DATE_NOT_ALLOWED)',
  429: 'Too many requests (RATE_LIMITED, with Retry-After)',
  503: 'The database is unavailable (SERVICE_UNAVAILABLE); retry later',
};

/**
 * Documents the error statuses an operation may answer, each with the one error shape. Every
 * operation lists those it can really return; the statuses every route shares (400 for a bad body,
 * 413, 415, 429, 503) are added to all operations by the document's post-processing.
 */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ApiErrorResponse, ApiFieldError),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? 'Refused',
        content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorResponse) } } },
      }),
    ),
  );
}
