import { Body, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock';
import { texts } from '../../common/i18n/catalogue';
import { isLocale } from '../../common/i18n/locale';
import { CreateUserDto } from '../../organizations/accounts/admin-users.dto';
import { AdminUsersService } from '../../organizations/accounts/admin-users.service';
import { CreateCouncilDto, CreateOrganizationDto } from '../../organizations/organizations.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { check, emptyForm, FormState, readForm, required } from '../forms/form';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import {
  adminHomePage,
  COUNCIL_FIELDS,
  councilsPage,
  ORG_FIELDS,
  OrgField,
  organizationsPage,
  requiredText,
  USER_FIELDS,
  UserField,
  usersPage,
} from './admin.pages';
import { AdminPagesRepository } from './admin-pages.repository';
import { KZ_TIME_ZONES } from './time-zones';

/**
 * The administrator's pages: organizers, councils, staff accounts (the working-day calendar is
 * AdminCalendarController's). Lists are AdminPagesRepository; every change goes through the same DTOs and
 * services as the API (identity, organizations).
 */
@PageController('admin', { roles: ['admin'] })
export class AdminPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: AdminPagesRepository,
    private readonly organizations: OrganizationsService,
    private readonly users: AdminUsersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request);
    this.pages.send(request, reply, ctx, adminHomePage(ctx));
  }

  // --- organizers

  @Get('organizations')
  async organizationList(
    @Query('cursor') cursor: unknown,
    @Query('done') done: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const flash = done === 'created' ? texts(ctx.locale).pages.admin.orgCreated : null;
    await this.renderOrganizations(request, reply, ctx, cursor, emptyForm(ORG_FIELDS, { timeZone: 'Asia/Almaty' }), flash);
  }

  private async renderOrganizations(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    cursor: unknown,
    form: FormState<OrgField>,
    flash: string | null,
    status = 200,
  ): Promise<void> {
    const [page, councils] = await Promise.all([this.queries.organizations(cursor), this.organizations.listCouncils()]);
    this.pages.send(
      request,
      reply,
      ctx,
      organizationsPage(ctx, { page, laterPage: !!cursor, councils, form, flash, now: this.clock.now() }),
      status,
    );
  }

  @FormPost('organizations', { signIn: '/admin/organizations' })
  async createOrganization(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const a = texts(ctx.locale).pages.admin;
    const values = readForm(body, ORG_FIELDS, ORG_FIELDS);
    const { value, errors } = await check(CreateOrganizationDto, values, {
      name: requiredText(ctx, 300),
      address: requiredText(ctx, 500),
      councilId: a.chooseCouncil,
    });
    Object.assign(errors, required(values, ['bin'], ctx.t.fieldRequired));
    if (!(KZ_TIME_ZONES as readonly string[]).includes(values.timeZone)) errors.timeZone = a.chooseTimeZone;
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.organizations.createOrganization(value),
      refusals: { INVALID_BIN: 'bin', BIN_TAKEN: 'bin', INVALID_TIME_ZONE: 'timeZone', COUNCIL_NOT_FOUND: 'councilId' },
      refusalStatus: 400,
      render: (state, status) => this.renderOrganizations(request, reply, ctx, null, state, null, status),
      done: () => seeOther(reply, '/admin/organizations?done=created'),
    });
  }

  // --- councils

  @Get('councils')
  async councilList(
    @Query('cursor') cursor: unknown,
    @Query('done') done: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const flash = done === 'created' ? texts(ctx.locale).pages.admin.councilCreated : null;
    const page = await this.queries.councils(cursor);
    this.pages.send(request, reply, ctx, councilsPage(ctx, { page, laterPage: !!cursor, form: emptyForm(COUNCIL_FIELDS), flash }));
  }

  @FormPost('councils', { signIn: '/admin/councils' })
  async createCouncil(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const values = readForm(body, COUNCIL_FIELDS, COUNCIL_FIELDS);
    const { value, errors } = await check(CreateCouncilDto, values, { name: requiredText(ctx, 300) });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.organizations.createCouncil(value.name),
      render: async (form, status) => {
        const page = await this.queries.councils(null);
        this.pages.send(request, reply, ctx, councilsPage(ctx, { page, laterPage: false, form, flash: null }), status);
      },
      done: () => seeOther(reply, '/admin/councils?done=created'),
    });
  }

  // --- staff accounts

  @Get('users')
  async userList(
    @Query('cursor') cursor: unknown,
    @Query('done') done: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const flash = done === 'created' ? texts(ctx.locale).pages.admin.userCreated : null;
    await this.renderUsers(request, reply, ctx, cursor, emptyForm(USER_FIELDS, { locale: ctx.locale }), flash);
  }

  private async renderUsers(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    cursor: unknown,
    form: FormState<UserField>,
    flash: string | null,
    status = 200,
  ): Promise<void> {
    const [page, organizations, councils] = await Promise.all([
      this.queries.staff(cursor),
      this.organizations.listOrganizations(),
      this.organizations.listCouncils(),
    ]);
    this.pages.send(request, reply, ctx, usersPage(ctx, { page, laterPage: !!cursor, organizations, councils, form, flash }), status);
  }

  @FormPost('users', { signIn: '/admin/users' })
  async createUser(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const a = texts(ctx.locale).pages.admin;
    const values = readForm(
      body,
      USER_FIELDS,
      USER_FIELDS.filter((k) => k !== 'password'),
    );
    values.isChair = values.isChair === 'true' ? 'true' : '';
    const input = {
      ...values,
      organizationId: values.organizationId || undefined,
      councilId: values.councilId || undefined,
      isChair: values.isChair === 'true',
      locale: isLocale(values.locale) ? values.locale : ctx.locale,
    };
    const { value, errors } = await check(CreateUserDto, input, {
      role: a.chooseRole,
      email: a.emailInvalid,
      displayName: requiredText(ctx, 100),
      organizationId: a.needsOrganization,
      councilId: a.needsCouncil,
    });
    Object.assign(errors, required(values, ['email', 'password'], ctx.t.fieldRequired));
    await submit(ctx.locale, {
      form: { values, errors },
      action: () =>
        this.users.create({
          ...value,
          organizationId: value.organizationId ?? null,
          councilId: value.councilId ?? null,
          isChair: !!value.isChair,
          locale: input.locale,
        }),
      refusals: {
        ROLE_MISMATCH: (e) =>
          e.params.field === 'organizationId' ? { organizationId: a.needsOrganization } : { councilId: a.needsCouncil },
        EMAIL_TAKEN: 'email',
        WEAK_PASSWORD: 'password',
        CHAIR_EXISTS: 'isChair',
        ORGANIZATION_NOT_FOUND: 'organizationId',
        COUNCIL_NOT_FOUND: 'councilId',
      },
      refusalStatus: 400,
      render: (state, status) =>
        this.renderUsers(request, reply, ctx, null, { ...state, values: { ...values, password: '' } }, null, status),
      done: () => seeOther(reply, '/admin/users?done=created'),
    });
  }
}
