import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Locale } from '../common/i18n/locale';
import { requestLocale } from '../common/i18n/request-locale';
import { API } from '../common/api';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser, TextLanguage } from '../identity/auth/auth.decorators';
import { HearingView, ProtocolView } from './hearing-view';
import {
  CancelHearingDto,
  HearingTranslationsDto,
  ProtocolCorrectionDto,
  ProtocolDto,
  ProtocolTranslationsDto,
  ScheduleHearingDto,
} from './hearings.dto';
import { HearingsService } from './hearings.service';
import { ApiErrors } from '../common/openapi';
import { AllowedDatesResponse, FollowResponse, HearingResponse, ProtocolResponse, SignupResponse } from './hearings.schemas';

type RequestWithHeaders = Parameters<typeof requestLocale>[0];

@ApiTags('hearings')
@Controller(`${API}/plans/:id`)
export class HearingsController {
  constructor(
    private readonly hearings: HearingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('hearing/allowed-dates')
  @ApiOperation({ summary: 'The dates on which the hearing may be held (close date + 1 .. + 10), each with why not' })
  @ApiOkResponse({ type: AllowedDatesResponse })
  @ApiErrors(404, 409)
  async allowedDates(@Param('id') id: string, @Req() request: RequestWithHeaders) {
    const locale = requestLocale(request, this.config.defaultLocale);
    const options = await this.hearings.allowedDates(id);
    return {
      from: options.from,
      to: options.to,
      dates: options.dates.map((d) => ({
        date: d.date,
        allowed: d.allowed,
        reason: d.reason ? d.reason[locale] : null,
        reasons: d.reason ? { ...d.reason } : null,
      })),
    };
  }

  @Get('hearing')
  @ApiOperation({ summary: 'The hearing: time, venue, status, iCalendar sequence and the history of changes' })
  @ApiOkResponse({ type: HearingResponse })
  @ApiErrors(404, 409)
  view(@Param('id') id: string): Promise<HearingView> {
    return this.hearings.view(id);
  }

  @Get('hearing.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="hearing.ics"')
  @ApiOkResponse({ description: 'The iCalendar file', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiErrors(404, 409)
  @ApiQuery({ name: 'lang', required: false, enum: ['kk', 'ru', 'en'], description: 'The language of the texts; else Accept-Language' })
  @ApiOperation({
    summary:
      "The hearing as an iCalendar file (METHOD:PUBLISH; STATUS:CANCELLED once cancelled), in the requester's language (?lang=, else Accept-Language)",
  })
  ics(@Param('id') id: string, @Req() request: RequestWithHeaders): Promise<string> {
    // ?lang=, then the remembered choice, then Accept-Language
    return this.hearings.ics(id, requestLocale(request, this.config.defaultLocale));
  }

  @Put('hearing')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Organizer of the plan: schedule or reschedule the hearing; e-mails participants an .ics (422 HEARING_DATE_NOT_ALLOWED with the reason)',
  })
  @ApiOkResponse({ type: HearingResponse })
  @ApiErrors(404, 409, 422)
  schedule(
    @Param('id') id: string,
    @Body() body: ScheduleHearingDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ): Promise<HearingView> {
    return this.hearings.schedule(id, user, body, lang);
  }

  @Put('hearing/translations')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Organizer of the plan: add missing languages of the room (not a change: no new sequence, no e-mail); 409 TRANSLATION_EXISTS when a language is present with another text',
  })
  @ApiOkResponse({ type: HearingResponse })
  @ApiErrors(404, 409)
  translateHearing(
    @Param('id') id: string,
    @Body() body: HearingTranslationsDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ): Promise<HearingView> {
    return this.hearings.translateHearing(id, user, body, lang);
  }

  @Delete('hearing')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Organizer of the plan: cancel the hearing with a reason; participants get METHOD:CANCEL' })
  @ApiOkResponse({ type: HearingResponse })
  @ApiErrors(404, 409)
  cancel(@Param('id') id: string, @Body() body: CancelHearingDto, @CurrentUser() user: AuthUser): Promise<HearingView> {
    return this.hearings.cancel(id, user, body);
  }

  @Post('follow')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Follow the plan (e-mails about the hearing and the protocol); idempotent' })
  @ApiOkResponse({ type: FollowResponse })
  @ApiErrors(404)
  follow(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.hearings.subscribe(id, user, 'follow', true);
  }

  @Delete('follow')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Stop following the plan; idempotent' })
  @ApiOkResponse({ type: FollowResponse })
  @ApiErrors(404)
  unfollow(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.hearings.subscribe(id, user, 'follow', false);
  }

  @Post('hearing/signup')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign up for the hearing (optional: only adds reminders; anyone may attend); idempotent' })
  @ApiOkResponse({ type: SignupResponse })
  @ApiErrors(404, 409)
  signup(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.hearings.subscribe(id, user, 'hearing_signup', true);
  }

  @Delete('hearing/signup')
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw the hearing sign-up; idempotent' })
  @ApiOkResponse({ type: SignupResponse })
  @ApiErrors(404)
  withdraw(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.hearings.subscribe(id, user, 'hearing_signup', false);
  }

  @Get('hearing/protocol')
  @ApiOperation({ summary: 'The latest protocol with all its versions' })
  @ApiOkResponse({ type: ProtocolResponse })
  @ApiErrors(404)
  protocol(@Param('id') id: string): Promise<ProtocolView> {
    return this.hearings.protocol(id);
  }

  @Post('hearing/protocol')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Organizer of the plan: publish the protocol after the hearing (409 HEARING_NOT_HELD, PROTOCOL_EXISTS)' })
  @ApiCreatedResponse({ type: ProtocolResponse })
  @ApiErrors(404, 409, 422)
  publishProtocol(
    @Param('id') id: string,
    @Body() body: ProtocolDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ): Promise<ProtocolView> {
    return this.hearings.publishProtocol(id, user, body, false, lang);
  }

  @Put('hearing/protocol/translations')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Organizer of the plan: add missing languages to the latest protocol's texts (lists by index) in place: no new version, no e-mail; 409 TRANSLATION_EXISTS",
  })
  @ApiOkResponse({ type: ProtocolResponse })
  @ApiErrors(404, 409)
  translateProtocol(
    @Param('id') id: string,
    @Body() body: ProtocolTranslationsDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ): Promise<ProtocolView> {
    return this.hearings.translateProtocol(id, user, body, lang);
  }

  @Post('hearing/protocol/corrections')
  @Auth('organizer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Organizer of the plan: publish a corrected protocol as a new version, with a reason' })
  @ApiCreatedResponse({ type: ProtocolResponse })
  @ApiErrors(404, 409, 422)
  correctProtocol(
    @Param('id') id: string,
    @Body() body: ProtocolCorrectionDto,
    @CurrentUser() user: AuthUser,
    @TextLanguage() lang: Locale,
  ): Promise<ProtocolView> {
    return this.hearings.publishProtocol(id, user, body, true, lang);
  }
}
