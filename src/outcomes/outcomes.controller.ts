import { Body, Controller, Get, Headers, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { API } from '../common/api';
import { requestLocale } from '../common/i18n/request-locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import type { Locale } from '../common/i18n/locale';
import { Auth, CurrentUser, TextLanguage } from '../identity/auth/auth.decorators';
import { OutcomeCorrectionDto, OutcomeDto, OutcomeTranslationsDto } from './outcome.dto';
import { CSV_SEPARATOR_DESCRIPTION, CSV_SEPARATORS, csvSeparatorNamed } from './csv';
import { OutcomesService } from './outcomes.service';
import { StatisticsResponse } from './statistics.dto';
import { ApiErrors } from '../common/openapi';
import { OutcomeResponse, ReportResponse } from './outcomes.schemas';

@ApiTags('outcome, report and statistics')
@Controller(API)
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('plans/:id/outcome')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The organizer publishes the decision and closes the discussion; 409 STAGE2_NOT_CLOSED, REVIEW_OPEN (the council's review has not closed; one past its period is closed first), UNANSWERED_REMARKS, FORMAL_ANSWERS_UNCORRECTED (with remarkIds), OUTCOME_EXISTS, APPEAL_PENDING (a moderation appeal on the plan is pending), APPEAL_WINDOW_OPEN {closesAt} (a hidden remark's author may still appeal)",
  })
  @ApiCreatedResponse({ type: OutcomeResponse })
  @ApiErrors(404, 409, 422)
  publish(@Param('id') id: string, @Body() body: OutcomeDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.outcomes.publish(user, id, body, lang);
  }

  @Post('plans/:id/outcome/corrections')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The organizer publishes a corrected outcome as a new version with a reason; participants are e-mailed. 409 OUTCOME_NOT_PUBLISHED',
  })
  @ApiCreatedResponse({ type: OutcomeResponse })
  @ApiErrors(404, 409, 422)
  correct(@Param('id') id: string, @Body() body: OutcomeCorrectionDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.outcomes.correct(user, id, body, lang);
  }

  @Put('plans/:id/outcome/translations')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The organizer adds missing languages to the current outcome's summary and correction reason. Not a correction: no new version, no e-mail. 409 OUTCOME_NOT_PUBLISHED, TRANSLATION_EXISTS {languages}",
  })
  @ApiOkResponse({ type: OutcomeResponse })
  @ApiErrors(404, 409)
  translate(@Param('id') id: string, @Body() body: OutcomeTranslationsDto, @CurrentUser() user: AuthUser, @TextLanguage() lang: Locale) {
    return this.outcomes.translate(user, id, body, lang);
  }

  @Get('plans/:id/outcome')
  @ApiOperation({ summary: 'The published outcome with every earlier version' })
  @ApiOkResponse({ type: OutcomeResponse })
  @ApiErrors(404)
  get(@Param('id') id: string, @CurrentUser() user: AuthUser | undefined) {
    return this.outcomes.view(user, id);
  }

  @Get('plans/:id/report')
  @ApiOperation({
    summary:
      "How every remark and recommendation was taken into account (JSON, or CSV with ?format=csv or Accept: text/csv). Published texts in the reader's language (Accept-Language or ?lang=); JSON adds every version under i18n",
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiQuery({
    name: 'separator',
    required: false,
    enum: Object.keys(CSV_SEPARATORS),
    description: `The CSV's field separator (the JSON answer ignores it): ${CSV_SEPARATOR_DESCRIPTION}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'JSON (the report), or CSV with ?format=csv or Accept: text/csv (one row per remark and recommendation)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReportResponse) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(ReportResponse)
  @ApiErrors(400, 404)
  async report(
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Query('separator') separatorName: string | undefined,
    @Headers('accept') accept: string | undefined,
    @CurrentUser() user: AuthUser | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = format === 'csv' || (format !== 'json' && /\btext\/csv\b/i.test(accept ?? ''));
    const separator = csvSeparatorNamed(separatorName);
    if (!csv) return this.outcomes.report(user, id);
    const reader = requestLocale(request, this.config.defaultLocale);
    const report = await this.outcomes.reportCsv(user, id, reader, separator);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-language', reader)
      .header('content-disposition', `attachment; filename="report-${report.planId}.csv"`);
    return Readable.from(report.lines);
  }

  @Get('statistics')
  @ApiOperation({
    summary:
      'Answer rates, median answer time, hearings on time, recommendations accepted, answers called formal by their authors ' +
      'and found formal by the council, commitments implemented, confirmed and disputed, for all organizers',
  })
  @ApiOkResponse({ type: StatisticsResponse })
  all() {
    return this.outcomes.statistics(null);
  }

  @Get('statistics/organizations/:id')
  @ApiOperation({ summary: 'The same figures for one organizer' })
  @ApiOkResponse({ type: StatisticsResponse })
  @ApiErrors(404)
  organization(@Param('id') id: string) {
    return this.outcomes.statistics(id);
  }
}
