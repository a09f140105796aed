import { Body, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { markPersonal } from '../../common/response-privacy';
import { texts } from '../../common/i18n/catalogue';
import { interpolate, isLocale, Locale } from '../../common/i18n/locale';
import type { AuthUser } from '../../identity/auth/auth-user';
import { Auth, CurrentUser } from '../../identity/auth/auth.decorators';
import { PasswordResetRequestDto, RegisterDto } from '../../identity/auth.dto';
import { AuthService } from '../../identity/auth.service';
import { checkPassword } from '../../identity/password-policy';
import { RateLimiter } from '../../identity/rate-limiter';
import { check, emptyForm, readForm } from '../forms/form';
import { errorText, expectedRefusal, submit } from '../forms/submit';
import { html } from '../html';
import { FormPost, PageController } from '../page.decorators';
import { Pages, seeOther } from '../page-response';
import {
  checkEmailPage,
  forgotPage,
  messagePage,
  REGISTER_FIELDS,
  registerPage,
  resetFailedPage,
  resetPage,
  verifyResultPage,
} from './account.pages';

const TOKEN_ERRORS = ['TOKEN_INVALID', 'TOKEN_EXPIRED'] as const;

/** The password's problem in the reader's language, or null (the API's password policy). */
function passwordProblem(password: string, locale: Locale): string | null {
  try {
    checkPassword(password);
    return null;
  } catch (error) {
    return errorText(expectedRefusal(error, ['WEAK_PASSWORD']), locale);
  }
}

/**
 * Registration, e-mail confirmation and password reset pages, on the API's AuthService and DTOs and
 * with the API's rate limits (the same RateLimiter keys, so pages and API share one budget).
 */
@PageController('')
export class AccountPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
  ) {}

  @Get('register')
  registerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request);
    this.pages.send(
      request,
      reply,
      ctx,
      registerPage(ctx, this.pages.formToken(request, reply), emptyForm(REGISTER_FIELDS, { locale: ctx.locale })),
    );
  }

  @FormPost('register')
  async register(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const c = texts(ctx.locale).pages.citizen;
    const values = readForm(body, REGISTER_FIELDS, ['email', 'displayName']);
    values.locale = isLocale(values.locale) ? values.locale : ctx.locale;
    values.consent = values.consent === 'true' ? 'true' : '';
    const { consent: _consent, ...fields } = values;
    const { value, errors } = await check(RegisterDto, fields, {
      email: c.emailInvalid,
      displayName: (failed) => (failed.includes('noPersonalData') ? c.displayNamePersonal : c.displayNameInvalid),
    });
    errors.password = passwordProblem(values.password, ctx.locale);
    // the page requires consent to publish the display name and remarks (Law on Personal Data); the account records it
    if (!values.consent) errors.consent = errorText(new AppError('CONSENT_REQUIRED'), ctx.locale);
    await submit(ctx.locale, {
      form: { values, errors },
      action: async () => {
        await this.limiter.hit('register', request.ip, value.email);
        const account = { ...value, locale: values.locale as Locale, consent: true };
        return this.auth.register(account);
      },
      // a refusal of the whole attempt is shown by the e-mail field, where the user can act on it; a
      // taken address is no refusal: the page says "check your e-mail" as for a new one (AuthService.register)
      refusals: { RATE_LIMITED: 'email' },
      render: (state, status) =>
        this.pages.send(request, reply, ctx, registerPage(ctx, this.pages.formToken(request, reply), state), status),
      done: () => this.pages.send(request, reply, ctx, checkEmailPage(ctx, value.email)),
    });
  }

  /**
   * The link of the verification e-mail. Confirming is idempotent in effect, so a GET does it. Like
   * the reset link's pages, the answer is personal to the link (no-store, no ETag, uncompressed).
   */
  @Get('verify-email')
  async verifyEmail(@Query('token') token: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    markPersonal(reply);
    const ctx = this.pages.context(request);
    const c = texts(ctx.locale).pages.citizen;
    const value = typeof token === 'string' ? token.trim() : '';
    try {
      if (!value || value.length > 200) throw new AppError('TOKEN_INVALID');
      await this.auth.verifyEmail(value);
    } catch (error) {
      const refused = expectedRefusal(error, TOKEN_ERRORS);
      // a used link of a person who is signed in and confirmed (e.g. opened twice) is no failure
      if (ctx.user?.emailVerified)
        this.pages.send(
          request,
          reply,
          ctx,
          messagePage(ctx, c.verifiedTitle, [c.alreadyVerified], { status: 'ok', description: ctx.t.meta.verifyEmail }),
        );
      else
        this.pages.send(
          request,
          reply,
          ctx,
          verifyResultPage(ctx, { verified: false, reason: errorText(refused, ctx.locale) }),
          refused.status,
        );
      return;
    }
    this.pages.send(request, reply, ctx, verifyResultPage(ctx, { verified: true }));
  }

  @FormPost('verify-email/resend', { signIn: '/my/remarks' })
  @Auth()
  async resend(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.limiter.hit('resend', request.ip, user.email);
    await this.auth.resendVerification(user.id);
    seeOther(reply, '/my/remarks?resent=1');
  }

  @Get('forgot-password')
  forgotForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request);
    this.pages.send(request, reply, ctx, forgotPage(ctx, this.pages.formToken(request, reply), emptyForm(['email'])));
  }

  @FormPost('forgot-password')
  async forgot(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.pages.context(request);
    const c = texts(ctx.locale).pages.citizen;
    const values = readForm(body, ['email'], ['email']);
    const { value, errors } = await check(PasswordResetRequestDto, values, { email: c.emailInvalid });
    await submit(ctx.locale, {
      form: { values, errors },
      action: async () => {
        await this.limiter.hit('reset', request.ip, value.email);
        return this.auth.requestPasswordReset(value.email);
      },
      refusals: { RATE_LIMITED: 'email' },
      render: (state, status) => this.pages.send(request, reply, ctx, forgotPage(ctx, this.pages.formToken(request, reply), state), status),
      // the same answer whether or not the address has an account
      done: () =>
        this.pages.send(
          request,
          reply,
          ctx,
          messagePage(ctx, c.forgotSentTitle, [interpolate(c.forgotSentText, { email: value.email })], { status: 'ok' }),
        ),
    });
  }

  @Get('reset-password')
  resetForm(@Query('token') token: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    markPersonal(reply);
    const ctx = this.pages.context(request);
    const value = typeof token === 'string' ? token.trim() : '';
    if (!value || value.length > 200) {
      const refused = new AppError('TOKEN_INVALID');
      this.pages.send(request, reply, ctx, resetFailedPage(ctx, errorText(refused, ctx.locale)), refused.status);
      return;
    }
    this.pages.send(
      request,
      reply,
      ctx,
      resetPage(ctx, this.pages.formToken(request, reply), emptyForm(['token', 'password'], { token: value })),
    );
  }

  @FormPost('reset-password')
  async reset(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    markPersonal(reply);
    const ctx = this.pages.context(request);
    const c = texts(ctx.locale).pages.citizen;
    const values = readForm(body, ['token', 'password'], ['token']);
    values.token = values.token.slice(0, 200);
    await submit(ctx.locale, {
      form: { values, errors: { password: passwordProblem(values.password, ctx.locale) } },
      action: async () => {
        await this.limiter.hit('reset-confirm', request.ip, undefined);
        return this.auth.confirmPasswordReset(values.token, values.password);
      },
      // a used or expired link cannot be mended on this form: the page says so and offers a new link
      refusals: { RATE_LIMITED: 'password', TOKEN_INVALID: 'form', TOKEN_EXPIRED: 'form' },
      render: (state, status) =>
        this.pages.send(
          request,
          reply,
          ctx,
          state.formError ? resetFailedPage(ctx, state.formError) : resetPage(ctx, this.pages.formToken(request, reply), state),
          status,
        ),
      done: () =>
        this.pages.send(
          request,
          reply,
          ctx,
          messagePage(ctx, c.resetDoneTitle, [c.resetDoneText, html`<a class="button" href="/login">${ctx.t.signIn}</a>`], {
            status: 'ok',
          }),
        ),
    });
  }
}
