import { Body, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { texts } from '../../common/i18n/catalogue';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { HearingView, ProtocolView } from '../../hearings/hearing-view';
import { CancelHearingDto, ProtocolDto, ScheduleHearingDto } from '../../hearings/hearings.dto';
import { HearingsService } from '../../hearings/hearings.service';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { check, Errors, FormState, lines, readForm, text, type Values } from '../forms/form';
import { localizedBlank, localizedInput } from '../forms/localized-fields';
import type { LocalizedInput } from '../../common/i18n/localized-text';
import { localizedLinePlaces, localizedLines } from '../council/localized-lines';
import { submit } from '../forms/submit';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import { hearingPage, PROTOCOL_FIELDS, PROTOCOL_TRANSLATION_FIELDS, SCHEDULE_FIELDS } from './organizer-steps.pages';
import { OrganizerView } from './organizer.view';

/**
 * What was typed for `base` in kk, ru and en side by side; a client posting the one field `base` (the
 * form before issue 15) writes in the page's language. Undefined when nothing was typed.
 */
function typedOr(body: unknown, base: string): LocalizedInput | undefined {
  const typed = localizedInput(body, base);
  if (!localizedBlank(typed)) return typed;
  return text(body, base).trim() || undefined;
}

type HearingForms = {
  schedule?: FormState;
  cancel?: FormState;
  protocolForm?: FormState;
  translation?: FormState;
  roomTranslation?: FormState;
};

/** The hearing of an own plan item: its date (allowed dates from HearingsService), cancelling it, and its protocol. */
@PageController('organizer/plans/:id/hearing', { roles: ['organizer'] })
export class OrganizerHearingController {
  constructor(
    private readonly pages: Pages,
    private readonly view: OrganizerView,
    private readonly hearings: HearingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async hearing(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(request, reply, user, id, done, {});
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    done: unknown,
    forms: HearingForms,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const d = await this.view.step(user, id, ctx.locale, done);
    const options = d.view.stage1?.closeDate ? await this.hearings.allowedDates(id) : null;
    const page = hearingPage(ctx, {
      ...d,
      hearing: d.view.hearing as HearingView | null,
      protocol: d.view.protocol as ProtocolView | null,
      options,
      procedure: this.config.procedure,
      ...forms,
    });
    this.pages.send(request, reply, ctx, page, status);
  }

  @FormPost('', { signIn: '/organizer/plans/:id/hearing' })
  async schedule(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const m = texts(ctx.locale).pages.organizer;
    const values = readForm(body, SCHEDULE_FIELDS, ['time', 'livestreamUrl']);
    // the one room field of the form before issue 15 is in the page's language
    if (localizedBlank(localizedInput(body, 'room')) && text(body, 'room')) values[`room_${ctx.locale}`] = text(body, 'room');
    const errors: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors.date = m.dateError;
    if (!/^\d{2}:\d{2}$/.test(values.time)) errors.time = m.timeError;
    const { organization } = await this.view.ownPlan(user, id);
    const local = DateTime.fromISO(`${values.date}T${values.time}`, { zone: organization.timeZone });
    if (!errors.date && !errors.time && !local.isValid) errors.date = m.dateError;
    const { value, errors: dtoErrors } = await check(
      ScheduleHearingDto,
      {
        startsAt: local.isValid ? local.toISO({ suppressMilliseconds: true }) : '',
        room: typedOr(body, 'room'),
        livestreamUrl: values.livestreamUrl || undefined,
      },
      { room: m.roomError, livestreamUrl: m.livestreamError },
    );
    await submit(ctx.locale, {
      form: { values, errors: { ...errors, ...dtoErrors } },
      action: () => this.hearings.schedule(id, user, value, ctx.locale),
      refusals: {
        // a date the calendar allows was refused for its time (working hours, already passed)
        HEARING_DATE_NOT_ALLOWED: async (_e, text) => {
          const allowed = (await this.hearings.allowedDates(id)).dates.some((x) => x.date === values.date && x.allowed);
          return { [allowed ? 'time' : 'date']: text };
        },
        STAGE1_NOT_CLOSED: 'form',
        PROTOCOL_EXISTS: 'form',
        HEARING_ALREADY_HELD: 'form',
      },
      render: (schedule, status) => this.render(request, reply, user, id, null, { schedule }, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/hearing?done=scheduled`),
    });
  }

  @FormPost('cancel', { signIn: '/organizer/plans/:id/hearing' })
  async cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const values = readForm(body, ['reason'] as const);
    const { value, errors } = await check(
      CancelHearingDto,
      { reason: values.reason.trim() },
      { reason: texts(ctx.locale).pages.organizer.cancelReasonError },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.hearings.cancel(id, user, value),
      refusals: { HEARING_NOT_SCHEDULED: 'form', HEARING_ALREADY_HELD: 'form' },
      render: (cancel, status) => this.render(request, reply, user, id, null, { cancel }, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/hearing?done=cancelled`),
    });
  }

  @FormPost('protocol', { signIn: '/organizer/plans/:id/hearing' })
  async protocol(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const m = texts(ctx.locale).pages.organizer;
    const values = readForm(body, PROTOCOL_FIELDS, ['attendeesCount']);
    for (const base of ['speakers', 'summary', 'decisions'] as const)
      if (localizedBlank(localizedInput(body, base)) && text(body, base)) values[`${base}_${ctx.locale}`] = text(body, base);
    const speakers = localizedLines(body, 'speakers');
    const decisions = localizedLines(body, 'decisions');
    const input = {
      attendeesCount: /^\d{1,7}$/.test(values.attendeesCount) ? Number(values.attendeesCount) : values.attendeesCount,
      speakers: speakers.items.length ? speakers.items : lines(text(body, 'speakers')),
      summary: typedOr(body, 'summary') ?? '',
      decisions: decisions.items.length ? decisions.items : lines(text(body, 'decisions')),
    };
    const { value, errors } = await check(ProtocolDto, input, {
      attendeesCount: m.attendeesError,
      speakers: m.speakersError,
      summary: m.summaryError,
      decisions: m.decisionsError,
    });
    const l = texts(ctx.locale).pages.council.languages;
    if (speakers.uneven) errors.speakers = l.linesUneven;
    if (decisions.uneven) errors.decisions = l.linesUneven;
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.hearings.publishProtocol(id, user, value, false, ctx.locale),
      refusals: { HEARING_NOT_HELD: 'form', PROTOCOL_EXISTS: 'form' },
      render: (protocolForm, status) => this.render(request, reply, user, id, null, { protocolForm }, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/hearing?done=protocol`),
    });
  }

  /** Adds the missing language of the published protocol's texts (lists line by line): not a correction, no e-mail. */
  @FormPost('protocol/translations', { signIn: '/organizer/plans/:id/hearing' })
  async translateProtocol(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const l = texts(ctx.locale).pages.council.languages;
    const values: Values = readForm(body, PROTOCOL_TRANSLATION_FIELDS);
    // by index: a line left blank, or the last lines left out, keep that item as it is
    const speakers = localizedLinePlaces(body, 'speakers');
    const decisions = localizedLinePlaces(body, 'decisions');
    const errors: Errors = {};
    const summary = localizedInput(body, 'summary');
    await submit(ctx.locale, {
      form: { values, errors },
      action: () =>
        this.hearings.translateProtocol(
          id,
          user,
          {
            summary: localizedBlank(summary) ? undefined : summary,
            speakers: speakers.items.length ? speakers.items : undefined,
            decisions: decisions.items.length ? decisions.items : undefined,
          },
          ctx.locale,
        ),
      refusals: {
        TRANSLATION_EXISTS: () => ({ summary: l.translationExists }),
        VALIDATION_FAILED: 'form',
        PROTOCOL_NOT_PUBLISHED: 'form',
      },
      render: (translation, status) => this.render(request, reply, user, id, null, { translation }, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/hearing?done=translated`),
    });
  }

  /** Adds the missing language of the room: not a change of the hearing (no new sequence, no e-mail). */
  @FormPost('translations', { signIn: '/organizer/plans/:id/hearing' })
  async translateRoom(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const l = texts(ctx.locale).pages.council.languages;
    const values: Values = readForm(body, ['room_kk', 'room_ru', 'room_en']);
    const room = localizedInput(body, 'room');
    const errors: Errors = localizedBlank(room) ? { room: texts(ctx.locale).pages.organizer.roomError } : {};
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.hearings.translateHearing(id, user, { room }, ctx.locale),
      refusals: { TRANSLATION_EXISTS: () => ({ room: l.translationExists }), VALIDATION_FAILED: 'form', HEARING_NOT_SCHEDULED: 'form' },
      render: (roomTranslation, status) => this.render(request, reply, user, id, null, { roomTranslation }, status),
      done: () => seeOther(reply, `/organizer/plans/${id}/hearing?done=translated`),
    });
  }
}
