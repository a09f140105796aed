import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isEmail } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { interpolate, isLocale } from '../../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AuthUser } from '../../identity/auth/auth-user';
import { AuthService } from '../../identity/auth.service';
import { checkPassword } from '../../identity/password-policy';
import { RateLimiter } from '../../identity/rate-limiter';
import { Csrf } from '../csrf';
import { html } from '../html';
import { texts } from '../../common/i18n/catalogue';
import { PageContext } from '../layout';
import { errorText, requestContext, sendPage } from '../web.controller';
import {
  checkEmailPage,
  forgotPage,
  messagePage,
  RegisterField,
  registerPage,
  resetFailedPage,
  resetPage,
  verifyResultPage,
} from './account.pages';
import { FieldErrors, str } from './form';

const TOKEN_ERRORS = ['TOKEN_INVALID', 'TOKEN_EXPIRED'];

function refusal(error: unknown, codes: string[]): AppError | null {
  return error instanceof AppError && codes.includes(error.code) ? error : null;
}

/** The password's problem in the reader's language, or null (the same policy as the API). */
function passwordError(password: string, ctx: PageContext): string | null {
  try {
    checkPassword(password);
    return null;
  } catch (error) {
    const weak = refusal(error, ['WEAK_PASSWORD']);
    if (weak) return errorText(weak, ctx.locale);
    throw error;
  }
}

/**
 * Registration, e-mail confirmation and password reset pages, on the API's AuthService and with the
 * API's rate limits (the same RateLimiter keys, so pages and API share one budget).
 */
@ApiExcludeController()
@Controller()
export class AccountPagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly csrf: Csrf,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
  ) {}

  private ctx(request: FastifyRequest): PageContext {
    return requestContext(request, this.config.defaultLocale, this.csrf);
  }

  @Get('register')
  registerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.ctx(request);
    sendPage(request, reply, ctx, registerPage(ctx, { csrf: this.csrf.ensureToken(request, reply), email: '', displayName: '', locale: ctx.locale }));
  }

  @Post('register')
  async register(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const ctx = this.ctx(request);
    const c = texts(ctx.locale).pages.citizen;
    const email = str(body?.email).trim();
    const displayName = str(body?.displayName).trim();
    const password = str(body?.password);
    const locale = isLocale(body?.locale) ? body.locale : ctx.locale;
    const again = (errors: FieldErrors<RegisterField>, status: number) =>
      sendPage(request, reply, ctx, registerPage(ctx, { csrf: this.csrf.ensureToken(request, reply), email, displayName, locale, errors }), status);
    const errors: FieldErrors<RegisterField> = {
      email: email.length <= 320 && isEmail(email) ? null : c.emailInvalid,
      displayName: displayName.length >= 1 && displayName.length <= 100 ? null : c.displayNameInvalid,
      password: passwordError(password, ctx),
    };
    if (errors.email || errors.displayName || errors.password) {
      again(errors, 400);
      return;
    }
    try {
      this.limiter.hit('register', request.ip, email);
      await this.auth.register({ email, password, displayName, locale });
    } catch (error) {
      const known = refusal(error, ['EMAIL_TAKEN', 'RATE_LIMITED']);
      if (!known) throw error;
      // a refusal of the whole attempt is shown by the e-mail field, where the user can act on it
      again({ email: errorText(known, ctx.locale) }, known.status);
      return;
    }
    sendPage(request, reply, ctx, checkEmailPage(ctx, email));
  }

  /** The link of the verification e-mail. Confirming is idempotent in effect, so a GET does it. */
  @Get('verify-email')
  async verifyEmail(@Query('token') token: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.ctx(request);
    const value = typeof token === 'string' ? token.trim() : '';
    try {
      if (!value || value.length > 200) throw new AppError('TOKEN_INVALID');
      await this.auth.verifyEmail(value);
    } catch (error) {
      const known = refusal(error, TOKEN_ERRORS);
      if (!known) throw error;
      // a used link of a person who is signed in and confirmed (e.g. opened twice) is no failure
      if (ctx.user?.emailVerified) {
        sendPage(request, reply, ctx, messagePage(ctx, texts(ctx.locale).pages.citizen.verifiedTitle, [texts(ctx.locale).pages.citizen.alreadyVerified], { status: 'ok' }));
        return;
      }
      sendPage(request, reply, ctx, verifyResultPage(ctx, { verified: false, reason: errorText(known, ctx.locale) }), known.status);
      return;
    }
    sendPage(request, reply, ctx, verifyResultPage(ctx, { verified: true }));
  }

  @Post('verify-email/resend')
  async resend(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const user = (request as FastifyRequest & { user?: AuthUser }).user;
    if (!user) {
      void reply.header('cache-control', 'no-store').redirect(`/login?next=${encodeURIComponent('/my/remarks')}`, 303);
      return;
    }
    this.limiter.hit('resend', request.ip, user.email);
    await this.auth.resendVerification(user.id);
    void reply.header('cache-control', 'no-store').redirect('/my/remarks?resent=1', 303);
  }

  @Get('forgot-password')
  forgotForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.ctx(request);
    sendPage(request, reply, ctx, forgotPage(ctx, { csrf: this.csrf.ensureToken(request, reply), email: '' }));
  }

  @Post('forgot-password')
  async forgot(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const ctx = this.ctx(request);
    const c = texts(ctx.locale).pages.citizen;
    const email = str(body?.email).trim();
    const again = (error: string, status: number) => sendPage(request, reply, ctx, forgotPage(ctx, { csrf: this.csrf.ensureToken(request, reply), email, error }), status);
    if (email.length > 320 || !isEmail(email)) {
      again(c.emailInvalid, 400);
      return;
    }
    try {
      this.limiter.hit('reset', request.ip, email);
      await this.auth.requestPasswordReset(email);
    } catch (error) {
      const limited = refusal(error, ['RATE_LIMITED']);
      if (!limited) throw error;
      again(errorText(limited, ctx.locale), limited.status);
      return;
    }
    // the same answer whether or not the address has an account
    sendPage(request, reply, ctx, messagePage(ctx, c.forgotSentTitle, [interpolate(c.forgotSentText, { email })], { status: 'ok' }));
  }

  @Get('reset-password')
  resetForm(@Query('token') token: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.ctx(request);
    const value = typeof token === 'string' ? token.trim() : '';
    if (!value || value.length > 200) {
      sendPage(request, reply, ctx, resetFailedPage(ctx, errorText(new AppError('TOKEN_INVALID'), ctx.locale)), 400);
      return;
    }
    sendPage(request, reply, ctx, resetPage(ctx, { csrf: this.csrf.ensureToken(request, reply), token: value }));
  }

  @Post('reset-password')
  async reset(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.csrf.assert(request, body);
    const ctx = this.ctx(request);
    const c = texts(ctx.locale).pages.citizen;
    const token = str(body?.token).trim().slice(0, 200);
    const password = str(body?.password);
    const weak = passwordError(password, ctx);
    if (weak) {
      sendPage(request, reply, ctx, resetPage(ctx, { csrf: this.csrf.ensureToken(request, reply), token, error: weak }), 400);
      return;
    }
    try {
      this.limiter.hit('reset-confirm', request.ip, undefined);
      await this.auth.confirmPasswordReset(token, password);
    } catch (error) {
      const limited = refusal(error, ['RATE_LIMITED']);
      if (limited) {
        sendPage(request, reply, ctx, resetPage(ctx, { csrf: this.csrf.ensureToken(request, reply), token, error: errorText(limited, ctx.locale) }), limited.status);
        return;
      }
      const known = refusal(error, TOKEN_ERRORS);
      if (!known) throw error;
      sendPage(request, reply, ctx, resetFailedPage(ctx, errorText(known, ctx.locale)), known.status);
      return;
    }
    sendPage(request, reply, ctx, messagePage(ctx, c.resetDoneTitle, [c.resetDoneText, html`<a class="button" href="/login">${ctx.t.signIn}</a>`], { status: 'ok' }));
  }
}
