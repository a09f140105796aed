import { Controller, Get, Header, Inject, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API } from '../../common/api';
import { requestLocale } from '../../common/i18n/request-locale';
import { ApiErrors } from '../../common/openapi';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { FeedQuery } from './feeds.dto';
import { FeedsService } from './feeds.service';
import { HEARINGS_FEED_SIZE } from './hearings-calendar';
import { PLANS_FEED_SIZE } from './plans-feed';

type RequestWithHeaders = Parameters<typeof requestLocale>[0];

@ApiTags('feeds')
@Controller(`${API}/feeds`)
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('plans.atom')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  @ApiOperation({
    summary: `Atom 1.0 feed of the ${PLANS_FEED_SIZE} newest published plans, newest first (?organizationId= for one organization's), in the requester's language (?lang=, else Accept-Language)`,
  })
  @ApiOkResponse({
    description: 'An Atom feed document (RFC 4287); entry ids are urn:uuid: of the plans',
    content: { 'application/atom+xml': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 404)
  plans(@Query() query: FeedQuery, @Req() request: RequestWithHeaders): Promise<string> {
    return this.feeds.plansAtom({
      organizationId: query.organizationId ?? null,
      locale: requestLocale(request, this.config.defaultLocale),
    });
  }

  @Get('hearings.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: `Every upcoming hearing (scheduled, starting after now; at most ${HEARINGS_FEED_SIZE}) as one iCalendar to subscribe to (?organizationId= for one organization's), in the requester's language (?lang=, else Accept-Language)`,
  })
  @ApiOkResponse({
    description:
      'An iCalendar object (RFC 5545, METHOD:PUBLISH): one VEVENT per hearing with a stable UID and a SEQUENCE raised by each change',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 404)
  hearings(@Query() query: FeedQuery, @Req() request: RequestWithHeaders): Promise<string> {
    return this.feeds.hearingsIcs({
      organizationId: query.organizationId ?? null,
      locale: requestLocale(request, this.config.defaultLocale),
    });
  }
}
