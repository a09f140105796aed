import { Body, Controller, Delete, Get, Inject, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { API } from '../common/api';
import { AppError } from '../common/errors/app-error';
import { Locale, Localized } from '../common/i18n/locale';
import { requestLocale } from '../common/i18n/request-locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { CalendarService } from './calendar.service';
import { CalendarDay } from './working-calendar';
import { CalendarDayResponse, CalendarYearResponse } from './calendar.schemas';
import { ApiErrors } from '../common/openapi';

export class CalendarOverrideDto {
  /** true: a working day (e.g. a transferred Saturday); false: a day off */
  @IsBoolean()
  working: boolean;

  /** Why (shown to users as the day's reason) */
  @IsString()
  @MaxLength(300)
  reason: string;
}

export interface CalendarDayView {
  date: string;
  working: boolean;
  /** The reason in the request's language, or null for an ordinary working day */
  reason: string | null;
  /** The reason in kk, ru and en */
  reasons: Localized | null;
  kind: CalendarDay['kind'];
}

type RequestWithHeaders = Parameters<typeof requestLocale>[0];

export function calendarDayView(day: CalendarDay, locale: Locale): CalendarDayView {
  return {
    date: day.date,
    working: day.working,
    reason: day.reason ? day.reason[locale] : null,
    reasons: day.reason ? { ...day.reason } : null,
    kind: day.kind,
  };
}

@ApiTags('calendar')
@Controller(API)
export class CalendarController {
  constructor(
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('calendar/:year')
  @ApiOperation({ summary: 'Every day of a year: working or not, and why (reason in the request language; reasons in kk/ru/en)' })
  @ApiOkResponse({ type: CalendarYearResponse })
  async year(@Param('year') yearParam: string, @Req() request: RequestWithHeaders): Promise<{ year: number; days: CalendarDayView[] }> {
    const year = /^\d{4}$/.test(yearParam) ? Number(yearParam) : NaN;
    if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new AppError('VALIDATION_FAILED', { details: 'year: 1900-2199' });
    const locale = requestLocale(request, this.config.defaultLocale);
    const calendar = await this.calendars.calendar();
    return { year, days: calendar.year(year).map((d) => calendarDayView(d, locale)) };
  }

  @Put('admin/calendar/:date')
  @Auth('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Administrator: make a date a working day or a day off (a transfer or a correction)' })
  @ApiOkResponse({ type: CalendarDayResponse })
  async put(
    @Param('date') dateParam: string,
    @Body() body: CalendarOverrideDto,
    @CurrentUser() user: AuthUser,
    @Req() request: RequestWithHeaders,
  ): Promise<CalendarDayView> {
    const day = await this.calendars.setOverride(dateParam, body.working, body.reason, user.id);
    return calendarDayView(day, requestLocale(request, this.config.defaultLocale));
  }

  @Delete('admin/calendar/:date')
  @Auth('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Administrator: remove an override; the date follows the law again' })
  @ApiOkResponse({ type: CalendarDayResponse })
  @ApiErrors(404)
  async remove(@Param('date') dateParam: string, @Req() request: RequestWithHeaders): Promise<CalendarDayView> {
    const day = await this.calendars.removeOverride(dateParam);
    return calendarDayView(day, requestLocale(request, this.config.defaultLocale));
  }
}
