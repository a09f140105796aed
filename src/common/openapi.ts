import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One field a request got wrong (VALIDATION_FAILED details). */
export class ApiFieldError {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'isEmail' }) constraint!: string;
  @ApiProperty({ description: "In the request's language" }) message!: string;
}

/**
 * The body of every refusal: a stable code and a message in the Accept-Language of the request. Some
 * codes add named fields beside them (additionalProperties): `missing`, `closesAt`, `latest`, `languages`, `remarkIds`.
 */
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

  @ApiPropertyOptional({ type: [String], description: 'TRANSLATION_REQUIRED, COMMITMENTS_INCOMPLETE: what is missing' })
  missing?: string[];

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'A window that closes or closed then (e.g. APPEAL_WINDOW_OPEN)' })
  closesAt?: string;
}

/** `{"error": {"code", "message"}}`, with the named fields some codes add beside them (e.g. `missing`). */
export class ApiErrorResponse {
  @ApiProperty({ type: ApiErrorBody })
  error!: ApiErrorBody;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed: VALIDATION_FAILED with the fields in details, MALFORMED_JSON, or a code of the operation (e.g. WEAK_PASSWORD, TOKEN_INVALID)',
  401: 'Not signed in, or the session ended or was signed out (UNAUTHENTICATED; INVALID_CREDENTIALS when signing in)',
  403: 'Signed in but not allowed (FORBIDDEN, EMAIL_NOT_VERIFIED, NOT_AUTHOR, ...), or a write signed in by the session cookie without its X-CSRF-Token (CSRF_INVALID)',
  404: 'No such resource, or not visible to the caller (NOT_FOUND, PLAN_NOT_FOUND, REMARK_NOT_FOUND, ...)',
  409: 'The state does not allow it (e.g. WINDOW_CLOSED, ALREADY_ANSWERED, TRANSLATION_EXISTS)',
  413: 'The body is too large (PAYLOAD_TOO_LARGE)',
  415: 'The body is not JSON (UNSUPPORTED_MEDIA_TYPE)',
  422: 'Understood but refused by a rule of the procedure (e.g. HEARING_DATE_NOT_ALLOWED, TRANSLATION_REQUIRED with missing)',
  429: 'Too many requests (RATE_LIMITED, with Retry-After)',
  431: 'The request headers are too large (HEADERS_TOO_LARGE)',
  503: 'The database is unavailable (SERVICE_UNAVAILABLE); retry later',
};

/** One documented refusal: the status's description and the one error shape. */
export function errorResponse(status: number): { description: string; content: { 'application/json': { schema: { $ref: string } } } } {
  return {
    description: ERROR_DESCRIPTIONS[status] ?? 'Refused',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorResponse) } } },
  };
}

/**
 * Documents the error statuses an operation may answer, each with the one error shape. Every
 * operation lists those it can really return; the statuses every route of its kind shares (400 for
 * bad input, 401 and 403 from @Auth, 413 and 415 for a body, 431, 503) are added by the document's
 * post-processing (src/openapi-document.ts).
 */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ApiErrorResponse, ApiFieldError),
    ...statuses.map((status) => ApiResponse({ status, ...errorResponse(status) })),
  );
}

/**
 * Every version of a published text, under `i18n` beside the reader's version (null where absent):
 * `{title: "…", i18n: {title: {kk, ru, en}}}` (localize-response.ts). A field that is null has no entry.
 */
export class LocalizedVersions {
  @ApiProperty({ type: String, nullable: true }) kk!: string | null;
  @ApiProperty({ type: String, nullable: true }) ru!: string | null;
  @ApiProperty({ type: String, nullable: true }) en!: string | null;
}

/** `{id}` of what was created. */
export class CreatedResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
}
