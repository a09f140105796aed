import { Body, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock';
import { texts } from '../../common/i18n/catalogue';
import { isLocale } from '../../common/i18n/locale';
import { CreateUserDto } from '../../organizations/accounts/admin-users.dto';
import { AdminUsersService } from '../../organizations/accounts/admin-users.service';
import {
  CouncilTranslationsDto,
  CreateCouncilDto,
  CreateOrganizationDto,
  OrganizationTranslationsDto,
} from '../../organizations/organizations.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { check, emptyForm, FormState, readForm, required, Values } from '../forms/form';
import { localizedInput, localizedInputs, localizedNames, localizedValues } from '../forms/localized-fields';
import { submit } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import {
  adminHomePage,
  adminTranslationsPage,
  COUNCIL_FIELDS,
  councilsPage,
  ORG_FIELDS,
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
    const flash =
      done === 'created'
        ? texts(ctx.locale).pages.admin.orgCreated
        : done === 'translated'
          ? texts(ctx.locale).pages.planTexts.translationsSaved
          : null;
    await this.renderOrganizations(request, reply, ctx, cursor, emptyForm(ORG_FIELDS, { timeZone: 'Asia/Almaty' }), flash);
  }

  private async renderOrganizations(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    cursor: unknown,
    form: FormState,
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
    const values: Values = {
      ...readForm(body, ORG_FIELDS, ORG_FIELDS),
      ...readForm(body, localizedNames('name')),
      ...readForm(body, localizedNames('address')),
    };
    const input = {
      ...readForm(body, ORG_FIELDS, ORG_FIELDS),
      name: localizedInput(body, 'name'),
      address: localizedInput(body, 'address'),
    };
    const { value, errors } = await check(CreateOrganizationDto, input, {
      name: requiredText(ctx, 300),
      address: requiredText(ctx, 500),
      councilId: a.chooseCouncil,
    });
    Object.assign(errors, required(values, ['bin'], ctx.t.fieldRequired));
    if (!(KZ_TIME_ZONES as readonly string[]).includes(values.timeZone)) errors.timeZone = a.chooseTimeZone;
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.organizations.createOrganization(value, ctx.locale),
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
    const flash =
      done === 'created'
        ? texts(ctx.locale).pages.admin.councilCreated
        : done === 'translated'
          ? texts(ctx.locale).pages.planTexts.translationsSaved
          : null;
    const page = await this.queries.councils(cursor);
    this.pages.send(request, reply, ctx, councilsPage(ctx, { page, laterPage: !!cursor, form: emptyForm(COUNCIL_FIELDS), flash }));
  }

  @FormPost('councils', { signIn: '/admin/councils' })
  async createCouncil(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const values: Values = readForm(body, COUNCIL_FIELDS);
    const { value, errors } = await check(CreateCouncilDto, { name: localizedInput(body, 'name') }, { name: requiredText(ctx, 300) });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.organizations.createCouncil(value.name, ctx.locale),
      render: async (form, status) => {
        const page = await this.queries.councils(null);
        this.pages.send(request, reply, ctx, councilsPage(ctx, { page, laterPage: false, form, flash: null }), status);
      },
      done: () => seeOther(reply, '/admin/councils?done=created'),
    });
  }

  // --- translations of names and addresses (not corrections: nobody is told)

  @Get('organizations/:id/translations')
  async organizationTranslations(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderOrganizationTranslations(request, reply, id, null);
  }

  private async renderOrganizationTranslations(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState | null,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const a = texts(ctx.locale).pages.admin;
    const organization = await this.organizations.organization(id);
    const values = { ...localizedValues('name', organization.name), ...localizedValues('address', organization.address) };
    const page = adminTranslationsPage(ctx, {
      section: 'organizations',
      action: `/admin/organizations/${organization.id}/translations`,
      name: organization.name,
      texts: [
        { base: 'name', legend: a.orgName, maxlength: 300, text: organization.name },
        { base: 'address', legend: a.address, maxlength: 500, text: organization.address },
      ],
      form: form ?? { values, errors: {} },
    });
    this.pages.send(request, reply, ctx, page, status);
  }

  @FormPost('organizations/:id/translations', { signIn: '/admin/organizations' })
  async saveOrganizationTranslations(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const values: Values = { ...readForm(body, localizedNames('name')), ...readForm(body, localizedNames('address')) };
    const input = localizedInputs(body, ['name', 'address']);
    const { value, errors } = await check(OrganizationTranslationsDto, input, {
      name: requiredText(ctx, 300),
      address: requiredText(ctx, 500),
    });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.organizations.addOrganizationTranslations(id, value, ctx.locale),
      refusals: { TRANSLATION_EXISTS: 'form' },
      render: (state, status) => this.renderOrganizationTranslations(request, reply, id, state, status),
      done: () => seeOther(reply, '/admin/organizations?done=translated'),
    });
  }

  @Get('councils/:id/translations')
  async councilTranslations(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderCouncilTranslations(request, reply, id, null);
  }

  private async renderCouncilTranslations(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState | null,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const a = texts(ctx.locale).pages.admin;
    const council = await this.organizations.council(id);
    const page = adminTranslationsPage(ctx, {
      section: 'councils',
      action: `/admin/councils/${council.id}/translations`,
      name: council.name,
      texts: [{ base: 'name', legend: a.councilName, maxlength: 300, text: council.name }],
      form: form ?? { values: localizedValues('name', council.name), errors: {} },
    });
    this.pages.send(request, reply, ctx, page, status);
  }

  @FormPost('councils/:id/translations', { signIn: '/admin/councils' })
  async saveCouncilTranslations(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const values: Values = readForm(body, localizedNames('name'));
    const { value, errors } = await check(CouncilTranslationsDto, localizedInputs(body, ['name']), { name: requiredText(ctx, 300) });
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.organizations.addCouncilTranslations(id, value, ctx.locale),
      refusals: { TRANSLATION_EXISTS: 'form' },
      render: (state, status) => this.renderCouncilTranslations(request, reply, id, state, status),
      done: () => seeOther(reply, '/admin/councils?done=translated'),
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
