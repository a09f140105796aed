import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { API } from '../common/api';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { isUuid } from '../common/ids';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { Organization } from '../organizations/organization.entity';
import { assertVisible, loadPlan } from '../plans/plan-access';
import { OutcomeCorrectionDto, OutcomeDto } from './outcome.dto';
import { OutcomesService } from './outcomes.service';
import { buildReport, outcomeView, reportCsv } from './report';
import { statistics } from './statistics';

@ApiTags('outcome, report and statistics')
@Controller(API)
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post('plans/:id/outcome')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The organizer publishes the decision and closes the discussion; 409 STAGE2_NOT_CLOSED, UNANSWERED_REMARKS, OUTCOME_EXISTS' })
  publish(@Param('id') id: string, @Body() body: OutcomeDto, @CurrentUser() user: AuthUser) {
    return this.outcomes.publish(user, id, body);
  }

  @Post('plans/:id/outcome/corrections')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The organizer publishes a corrected outcome as a new version with a reason; participants are e-mailed. 409 OUTCOME_NOT_PUBLISHED' })
  correct(@Param('id') id: string, @Body() body: OutcomeCorrectionDto, @CurrentUser() user: AuthUser) {
    return this.outcomes.correct(user, id, body);
  }

  @Get('plans/:id/outcome')
  @ApiOperation({ summary: 'The published outcome with every earlier version' })
  async get(@Param('id') id: string, @CurrentUser() user: AuthUser | undefined) {
    const { plan } = await loadPlan(this.db.manager, id);
    assertVisible(user, plan);
    const view = await outcomeView(this.db.manager, plan.id);
    if (!view) throw new AppError('NOT_FOUND');
    return view;
  }

  @Get('plans/:id/report')
  @ApiOperation({ summary: 'How every remark and recommendation was taken into account (JSON, or CSV with ?format=csv or Accept: text/csv)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiProduces('application/json', 'text/csv')
  async report(
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Headers('accept') accept: string | undefined,
    @CurrentUser() user: AuthUser | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { plan } = await loadPlan(this.db.manager, id);
    assertVisible(user, plan);
    const now = this.clock.now();
    const csv = format === 'csv' || (format !== 'json' && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) return buildReport(this.db.manager, plan, now);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="report-${plan.id}.csv"`);
    return Readable.from(reportCsv(this.db.manager, plan, now));
  }

  @Get('statistics')
  @ApiOperation({ summary: 'Answer rates, median answer time, hearings on time and recommendations accepted, for all organizers' })
  all() {
    return statistics(this.db.manager, null, this.clock.now());
  }

  @Get('statistics/organizations/:id')
  @ApiOperation({ summary: 'The same figures for one organizer' })
  async organization(@Param('id') id: string) {
    if (!isUuid(id) || !(await this.db.getRepository(Organization).exist({ where: { id } }))) throw new AppError('ORGANIZATION_NOT_FOUND');
    return statistics(this.db.manager, id, this.clock.now());
  }
}
