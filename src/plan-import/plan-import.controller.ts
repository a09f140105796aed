import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { API } from '../common/api';
import { ApiErrors, errorResponse } from '../common/openapi';
import type { Locale } from '../common/i18n/locale';
import { requestLocale } from '../common/i18n/request-locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { BodyLimit } from '../common/route-body-limit';
import { IMPORT_JSON_BODY_LIMIT, IMPORT_LIMITS } from './plan-import.columns';
import { PlanImportDto } from './plan-import.dto';
import { importTooLarge } from './plan-import.parser';
import { rowErrorMessage } from './plan-import.messages';
import { PlanImportResponse } from './plan-import.schemas';
import { ImportOutcome, PlanImportService } from './plan-import.service';

/** The outcome as the API answers it: each row error with its message in the reader's language. */
export function importResponse(result: ImportOutcome, locale: Locale): PlanImportResponse {
  return {
    rows: result.rows.map((r) => ({ ...r, errors: r.errors.map((e) => ({ ...e, message: rowErrorMessage(e, locale) })) })),
    summary: result.summary,
    createdIds: result.rows.filter((r) => r.status === 'created').map((r) => r.planId!),
  };
}

const IMPORT_TOO_LARGE_RESPONSE = {
  ...errorResponse(413),
  description: `The CSV is over ${IMPORT_LIMITS.maxBytes} bytes, or the body over ${IMPORT_JSON_BODY_LIMIT} (IMPORT_TOO_LARGE, with maxBytes)`,
};

@ApiTags('plan-imports')
@Controller(`${API}/plan-imports`)
export class PlanImportController {
  constructor(
    private readonly imports: PlanImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('preview')
  @BodyLimit(IMPORT_JSON_BODY_LIMIT, importTooLarge)
  @HttpCode(200)
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Check an annual plan (CSV) without saving anything: every row with its status (new, exists, invalid) and its errors; organizer staff only',
  })
  @ApiOkResponse({ type: PlanImportResponse })
  @ApiErrors(401, 403, 422)
  @ApiResponse({ status: 413, ...IMPORT_TOO_LARGE_RESPONSE })
  async preview(@CurrentUser() user: AuthUser, @Body() body: PlanImportDto, @Req() request: FastifyRequest): Promise<PlanImportResponse> {
    return importResponse(await this.imports.preview(user, body.csv), requestLocale(request, this.config.defaultLocale));
  }

  @Post()
  @BodyLimit(IMPORT_JSON_BODY_LIMIT, importTooLarge)
  @HttpCode(200)
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Import an annual plan (CSV): the valid rows whose plan-point number the organization does not have yet become drafts, in one transaction; ' +
      'rows already imported are skipped (never duplicated), invalid rows are reported; nothing is published',
  })
  @ApiOkResponse({ type: PlanImportResponse })
  @ApiErrors(401, 403, 422)
  @ApiResponse({ status: 413, ...IMPORT_TOO_LARGE_RESPONSE })
  async confirm(@CurrentUser() user: AuthUser, @Body() body: PlanImportDto, @Req() request: FastifyRequest): Promise<PlanImportResponse> {
    return importResponse(await this.imports.confirm(user, body.csv), requestLocale(request, this.config.defaultLocale));
  }
}
