import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isEmail } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { CalendarService, overrideDate } from '../../calendar/calendar.service';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { interpolate, isLocale } from '../../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { STAFF_ROLES, StaffRole } from '../../identity/admin/admin-users.dto';
import { AdminUsersService } from '../../identity/admin/admin-users.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { Csrf } from '../csrf';
import { texts } from '../../common/i18n/catalogue';
import { KZ_TIME_ZONES } from './time-zones';
import { PageContext } from '../layout';
import { isUuid } from '../queries';
import { errorText, requestContext, sendPage } from '../web.controller';
import {
  adminHomePage,
  calendarPage,
  COUNCIL_FIELDS,
  CouncilField,
  councilsPage,
  emptyForm,
  FormState,
  ORG_FIELDS,
  OrgField,
  organizationsPage,
  OVERRIDE_FIELDS,
  OverrideField,
  USER_FIELDS,
  UserField,
  usersPage,
} from './admin.pages';
import { AdminQueries } from './admin.queries';
import { FieldErrors } from './form-fields';
import { staffUser } from './staff-access';

type FormBody = Record<string, unknown>;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The trimmed values of a form's fields. */
function formValues<K extends string>(body: FormBody, keys: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const k of keys) values[k] = k === 'password' ? str(body?.[k]) : str(body?.[k]).trim();
  return values;
}

/** A required text of at most `max` characters: the error, or null. */
function requiredText(ctx: PageContext, value: string, max: number): string | null {
  if (!value) return ctx.t.fieldRequired;
  return value.length > max ? interpolate(texts(ctx.locale).pages.admin.tooLong, { n: max }) : null;
}

function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The field a service refusal belongs to, with its message; other refusals propagate as error pages. */
function refusal<K extends string>(error: unknown, ctx: PageContext, fields: Partial<Record<ErrorCode, K>>): FieldErrors<K> {
  if (!(error instanceof AppError)) throw error;
  const field = fields[error.code];
  if (!field) throw error;
  return { [field]: errorText(error, ctx.locale) } as FieldErrors<K>;
}

/**
 * The administrator's pages: organizers, councils, staff accounts, the working-day calendar. Lists are
 * AdminQueries; every change goes through the same services as the API (identity, organizations, calendar).
 */
@ApiExcludeController()
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly queries: AdminQueries,
    private readonly organizations: OrganizationsService,
    private readonly users: AdminUsersService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly csrf: Csrf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private ctx(request: FastifyRequest): PageContext {
    return requestContext(request, this.config.defaultLocale, this.csrf);
  }

  private done(reply: FastifyReply, location: string): void {
    void reply.header('cache-control', 'no-store').redirect(location, 303);
  }

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin')) return;
    sendPage(request, reply, ctx, adminHomePage(ctx));
  }

  // --- organizers

  @Get('organizations')
  async organizationList(@Query('cursor') cursor: unknown, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin')) return;
    const form = emptyForm(ORG_FIELDS, { timeZone: 'Asia/Almaty' });
    await this.renderOrganizations(request, reply, ctx, cursor, form, done === 'created' ? texts(ctx.locale).pages.admin.orgCreated : null);
  }

  private async renderOrganizations(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, cursor: unknown, form: FormState<OrgField>, flash: string | null, status = 200): Promise<void> {
    const [page, councils] = await Promise.all([this.queries.organizations(cursor), this.organizations.listCouncils()]);
    sendPage(request, reply, ctx, organizationsPage(ctx, { page, laterPage: !!cursor, councils, form, flash, now: this.clock.now() }), status);
  }

  @Post('organizations')
  async createOrganization(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin', '/admin/organizations')) return;
    this.csrf.assert(request, body);
    const a = texts(ctx.locale).pages.admin;
    const values = formValues(body, ORG_FIELDS);
    let errors: FieldErrors<OrgField> = {
      name: requiredText(ctx, values.name, 300),
      bin: values.bin ? null : ctx.t.fieldRequired,
      address: requiredText(ctx, values.address, 500),
      timeZone: (KZ_TIME_ZONES as readonly string[]).includes(values.timeZone) ? null : a.chooseTimeZone,
      councilId: isUuid(values.councilId) ? null : a.chooseCouncil,
    };
    if (!hasErrors(errors)) {
      try {
        await this.organizations.createOrganization(values);
        this.done(reply, '/admin/organizations?done=created');
        return;
      } catch (error) {
        errors = refusal(error, ctx, { INVALID_BIN: 'bin', BIN_TAKEN: 'bin', INVALID_TIME_ZONE: 'timeZone', COUNCIL_NOT_FOUND: 'councilId' });
      }
    }
    await this.renderOrganizations(request, reply, ctx, null, { values, errors }, null, 400);
  }

  // --- councils

  @Get('councils')
  async councilList(@Query('cursor') cursor: unknown, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin')) return;
    await this.renderCouncils(request, reply, ctx, cursor, emptyForm(COUNCIL_FIELDS), done === 'created' ? texts(ctx.locale).pages.admin.councilCreated : null);
  }

  private async renderCouncils(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, cursor: unknown, form: FormState<CouncilField>, flash: string | null, status = 200): Promise<void> {
    const page = await this.queries.councils(cursor);
    sendPage(request, reply, ctx, councilsPage(ctx, { page, laterPage: !!cursor, form, flash }), status);
  }

  @Post('councils')
  async createCouncil(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin', '/admin/councils')) return;
    this.csrf.assert(request, body);
    const values = formValues(body, COUNCIL_FIELDS);
    const errors: FieldErrors<CouncilField> = { name: requiredText(ctx, values.name, 300) };
    if (!hasErrors(errors)) {
      await this.organizations.createCouncil(values.name);
      this.done(reply, '/admin/councils?done=created');
      return;
    }
    await this.renderCouncils(request, reply, ctx, null, { values, errors }, null, 400);
  }

  // --- staff accounts

  @Get('users')
  async userList(@Query('cursor') cursor: unknown, @Query('done') done: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin')) return;
    const form = emptyForm(USER_FIELDS, { locale: ctx.locale });
    await this.renderUsers(request, reply, ctx, cursor, form, done === 'created' ? texts(ctx.locale).pages.admin.userCreated : null);
  }

  private async renderUsers(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, cursor: unknown, form: FormState<UserField>, flash: string | null, status = 200): Promise<void> {
    const [page, organizations, councils] = await Promise.all([this.queries.staff(cursor), this.organizations.listOrganizations(), this.organizations.listCouncils()]);
    sendPage(request, reply, ctx, usersPage(ctx, { page, laterPage: !!cursor, organizations, councils, form, flash }), status);
  }

  @Post('users')
  async createUser(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin', '/admin/users')) return;
    this.csrf.assert(request, body);
    const a = texts(ctx.locale).pages.admin;
    const values = formValues(body, USER_FIELDS);
    values.isChair = values.isChair === 'true' ? 'true' : '';
    const role = (STAFF_ROLES as readonly string[]).includes(values.role) ? (values.role as StaffRole) : null;
    let errors: FieldErrors<UserField> = {
      role: role ? null : a.chooseRole,
      email: !values.email ? ctx.t.fieldRequired : values.email.length > 320 || !isEmail(values.email) ? a.emailInvalid : null,
      displayName: requiredText(ctx, values.displayName, 100),
      password: values.password ? null : ctx.t.fieldRequired,
      organizationId: values.organizationId && !isUuid(values.organizationId) ? a.needsOrganization : null,
      councilId: values.councilId && !isUuid(values.councilId) ? a.needsCouncil : null,
    };
    if (role && !hasErrors(errors)) {
      try {
        await this.users.create({
          email: values.email,
          password: values.password,
          displayName: values.displayName,
          role,
          organizationId: values.organizationId || null,
          councilId: values.councilId || null,
          isChair: values.isChair === 'true',
          locale: isLocale(values.locale) ? values.locale : ctx.locale,
        });
        this.done(reply, '/admin/users?done=created');
        return;
      } catch (error) {
        if (error instanceof AppError && error.code === 'ROLE_MISMATCH') {
          errors = error.params.field === 'organizationId' ? { organizationId: a.needsOrganization } : { councilId: a.needsCouncil };
        } else {
          errors = refusal(error, ctx, {
            EMAIL_TAKEN: 'email',
            WEAK_PASSWORD: 'password',
            CHAIR_EXISTS: 'isChair',
            ORGANIZATION_NOT_FOUND: 'organizationId',
            COUNCIL_NOT_FOUND: 'councilId',
          });
        }
      }
    }
    await this.renderUsers(request, reply, ctx, null, { values: { ...values, password: '' }, errors }, null, 400);
  }

  // --- working-day calendar

  private thisYear(): number {
    return DateTime.fromJSDate(this.clock.now(), { zone: 'Asia/Almaty' }).year;
  }

  @Get('calendar')
  async calendarYear(@Query('year') yearParam: unknown, @Query('done') done: unknown, @Query('date') date: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin')) return;
    const a = texts(ctx.locale).pages.admin;
    const asked = typeof yearParam === 'string' && /^\d{4}$/.test(yearParam) ? Number(yearParam) : NaN;
    const year = asked >= 1900 && asked <= 2199 ? asked : this.thisYear();
    let flash: string | null = null;
    if ((done === 'saved' || done === 'removed') && typeof date === 'string') {
      try {
        const day = (await this.calendars.calendar()).day(overrideDate(date));
        flash = done === 'saved'
          ? interpolate(a.overrideSaved, { date: day.date, kind: day.working ? a.workingDay : a.dayOff })
          : interpolate(a.overrideRemoved, { date: day.date });
      } catch {
        flash = null;
      }
    }
    await this.renderCalendar(request, reply, ctx, year, emptyForm(OVERRIDE_FIELDS), flash);
  }

  private async renderCalendar(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, year: number, form: FormState<OverrideField>, flash: string | null, status = 200): Promise<void> {
    const [overrides, calendar] = await Promise.all([this.queries.overrides(year), this.calendars.calendar()]);
    const holidays = calendar.year(year).filter((d) => d.kind === 'holiday' || d.kind === 'substitute');
    sendPage(request, reply, ctx, calendarPage(ctx, { year, overrides, holidays, form, flash }), status);
  }

  @Post('calendar')
  async saveOverride(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    const user = staffUser(request, reply, ctx, 'admin', '/admin/calendar');
    if (!user) return;
    this.csrf.assert(request, body);
    const a = texts(ctx.locale).pages.admin;
    const values = formValues(body, OVERRIDE_FIELDS);
    let date: string | null = null;
    try {
      date = overrideDate(values.date);
    } catch {
      date = null;
    }
    const errors: FieldErrors<OverrideField> = {
      date: date ? null : values.date ? a.dateInvalid : ctx.t.fieldRequired,
      working: values.working === 'true' || values.working === 'false' ? null : a.chooseWorking,
      reason: requiredText(ctx, values.reason, 300),
    };
    if (date && !hasErrors(errors)) {
      await this.calendars.setOverride(date, values.working === 'true', values.reason, user.id);
      this.done(reply, `/admin/calendar?year=${date.slice(0, 4)}&done=saved&date=${date}#overrides`);
      return;
    }
    const year = date ? Number(date.slice(0, 4)) : this.thisYear();
    await this.renderCalendar(request, reply, ctx, year, { values, errors }, null, 400);
  }

  @Post('calendar/:date/delete')
  async removeOverride(@Param('date') date: string, @Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    if (!staffUser(request, reply, ctx, 'admin', '/admin/calendar')) return;
    this.csrf.assert(request, body);
    const day = overrideDate(date);
    try {
      await this.calendars.removeOverride(day);
    } catch (error) {
      // removed already (a second click): the date follows the law, as asked
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    }
    this.done(reply, `/admin/calendar?year=${day.slice(0, 4)}&done=removed&date=${day}#overrides`);
  }
}
