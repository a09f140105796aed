import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { CalendarOverrideDto } from '../../calendar/calendar.controller';
import { CalendarService, overrideDate } from '../../calendar/calendar.service';
import { Clock } from '../../common/clock';
import { texts } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { check, emptyForm, FormState, readForm, required } from '../forms/form';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { calendarPage, OVERRIDE_FIELDS, OverrideField, requiredText } from './admin.pages';
import { AdminPagesRepository } from './admin-pages.repository';

/** The date of an override by the API's rule for its :date, or null. */
function validDate(value: string): string | null {
  try {
    return overrideDate(value);
  } catch {
    return null;
  }
}

/** The administrator's working-day calendar: a year's holidays by law and its overrides, changed through CalendarService as in the API. */
@PageController('admin/calendar', { roles: ['admin'] })
export class AdminCalendarController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: AdminPagesRepository,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  private thisYear(): number {
    return DateTime.fromJSDate(this.clock.now(), { zone: 'Asia/Almaty' }).year;
  }

  @Get()
  async calendarYear(
    @Query('year') yearParam: unknown,
    @Query('done') done: unknown,
    @Query('date') date: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const asked = typeof yearParam === 'string' && /^\d{4}$/.test(yearParam) ? Number(yearParam) : NaN;
    const year = asked >= 1900 && asked <= 2199 ? asked : this.thisYear();
    await this.render(request, reply, ctx, year, emptyForm(OVERRIDE_FIELDS), await this.flash(ctx, done, date));
  }

  /** The confirmation of ?done=saved|removed&date=..., with what the date is now. */
  private async flash(ctx: PageContext, done: unknown, date: unknown): Promise<string | null> {
    const day = (done === 'saved' || done === 'removed') && typeof date === 'string' ? validDate(date) : null;
    if (!day) return null;
    const a = texts(ctx.locale).pages.admin;
    const working = (await this.calendars.calendar()).day(day).working;
    return done === 'saved'
      ? interpolate(a.overrideSaved, { date: day, kind: working ? a.workingDay : a.dayOff })
      : interpolate(a.overrideRemoved, { date: day });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    year: number,
    form: FormState<OverrideField>,
    flash: string | null,
    status = 200,
  ): Promise<void> {
    const [overrides, calendar] = await Promise.all([this.queries.overrides(year), this.calendars.calendar()]);
    const holidays = calendar.year(year).filter((d) => d.kind === 'holiday' || d.kind === 'substitute');
    this.pages.send(request, reply, ctx, calendarPage(ctx, { year, overrides, holidays, form, flash }), status);
  }

  @FormPost('', { signIn: '/admin/calendar' })
  async saveOverride(
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const a = texts(ctx.locale).pages.admin;
    const values = readForm(body, OVERRIDE_FIELDS, OVERRIDE_FIELDS);
    const date = validDate(values.date);
    const working = values.working === 'true' ? true : values.working === 'false' ? false : values.working;
    const { value, errors } = await check(
      CalendarOverrideDto,
      { working, reason: values.reason },
      { working: a.chooseWorking, reason: requiredText(ctx, 300) },
    );
    Object.assign(errors, required(values, ['reason'], ctx.t.fieldRequired));
    if (!date) errors.date = values.date ? a.dateInvalid : ctx.t.fieldRequired;
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.calendars.setOverride(date!, value.working, value.reason, user.id),
      render: (form, status) => this.render(request, reply, ctx, date ? Number(date.slice(0, 4)) : this.thisYear(), form, null, status),
      done: () => seeOther(reply, `/admin/calendar?year=${date!.slice(0, 4)}&done=saved&date=${date}#overrides`),
    });
  }

  @FormPost(':date/delete', { signIn: '/admin/calendar' })
  async removeOverride(@Param('date') date: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const day = overrideDate(date);
    const removed = () => seeOther(reply, `/admin/calendar?year=${day.slice(0, 4)}&done=removed&date=${day}#overrides`);
    await submit(this.pages.context(request).locale, {
      form: emptyForm(),
      action: () => this.calendars.removeOverride(day),
      // removed already (a second click): the date follows the law, as asked
      refusals: { NOT_FOUND: 'form' },
      render: removed,
      done: removed,
    });
  }
}
