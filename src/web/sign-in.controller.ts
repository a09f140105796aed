import { Body, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { AuthUser } from '../identity/auth/auth-user';
import { Auth, CurrentUser } from '../identity/auth/auth.decorators';
import { sessionTokens } from '../identity/auth/auth.guard';
import { clearSessionCookie, setSessionCookie } from '../identity/auth/session-cookie';
import { LoginDto } from '../identity/auth.dto';
import { AuthService, type LoginResult } from '../identity/auth.service';
import { RateLimiter } from '../identity/rate-limiter';
import { CitizenPagesRepository } from './citizen/citizen-pages.repository';
import { check, emptyForm, readForm } from './forms/form';
import { decodeTimeCursor } from './keyset-page';
import { submit } from './forms/submit';
import { safeNext } from './layout';
import { FormPost, PageController } from './page.decorators';
import { Pages, seeOther } from './page-response';
import { accountPage, loginPage, SIGN_IN_FIELDS } from './sign-in.page';

/**
 * The sign-in form (a session cookie, as the API's sign-in sets it), the account page of every role,
 * and signing out: this session, or every session of the account (as the API's logout and logout-everywhere).
 */
@PageController('')
export class SignInController {
  constructor(
    private readonly pages: Pages,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
    private readonly citizenPages: CitizenPagesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  loginForm(@Query('next') next: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request);
    this.pages.send(
      request,
      reply,
      ctx,
      loginPage(ctx, this.pages.formToken(request, reply), emptyForm(SIGN_IN_FIELDS, { next: safeNext(next) })),
    );
  }

  @FormPost('login')
  async login(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const values = readForm(body, SIGN_IN_FIELDS, ['email']);
    values.next = safeNext(values.next);
    const tooLong = (n: number) => interpolate(texts(ctx.locale).pages.admin.tooLong, { n });
    const { value, errors } = await check(
      LoginDto,
      { email: values.email, password: values.password },
      {
        email: (failed) => (failed.includes('maxLength') ? tooLong(320) : ctx.t.fieldRequired),
        password: ctx.t.fieldRequired,
      },
    );
    await submit(ctx.locale, {
      form: { values, errors },
      action: () => this.signIn(request.ip, value),
      refusals: { INVALID_CREDENTIALS: 'form', RATE_LIMITED: 'form' },
      render: (state, status) => this.pages.send(request, reply, ctx, loginPage(ctx, this.pages.formToken(request, reply), state), status),
      done: ({ accessToken, user }) => {
        setSessionCookie(reply, this.config, accessToken);
        // a moderator who did not come from a link starts at the moderation queue
        seeOther(reply, values.next === '/' && user.role === 'moderator' ? '/moderation' : values.next);
      },
    });
  }

  /** The same limits as the API's sign-in, on the same counters (RateLimiter.signIn). */
  private async signIn(ip: string, credentials: LoginDto): Promise<LoginResult> {
    return this.limiter.signIn(ip, credentials.email, () => this.auth.login(credentials.email, credentials.password));
  }

  @Get('account')
  @Auth()
  async account(
    @CurrentUser() user: AuthUser,
    @Query('following') cursor: unknown,
    @Query('done') done: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const after = typeof cursor === 'string' ? cursor : null;
    const [following, newsOff] = await Promise.all([
      this.citizenPages.followedPlans(user.id, after),
      this.citizenPages.newsOffPlans(user.id),
    ]);
    const outcome = done === 'followed' || done === 'unfollowed' ? done : null;
    const paged = decodeTimeCursor(after) !== null;
    this.pages.send(request, reply, ctx, accountPage(ctx, user, { following, paged, newsOff, done: outcome }));
  }

  /** Ends this session (also when it has ended already: the cookie goes either way). */
  @FormPost('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.signOut(sessionTokens(request));
    clearSessionCookie(reply, this.config);
    seeOther(reply, '/');
  }

  @FormPost('logout-everywhere', { signIn: '/account' })
  @Auth()
  async logoutEverywhere(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.signOutEverywhere(user.id);
    clearSessionCookie(reply, this.config);
    seeOther(reply, '/');
  }
}
