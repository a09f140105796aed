import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API } from '../common/api';
import { requestLocale } from '../common/i18n/request-locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from './auth/auth-user';
import { Auth, CurrentUser } from './auth/auth.decorators';
import { sessionTokens } from './auth/auth.guard';
import { clearSessionCookie, setSessionCookie } from './auth/session-cookie';
import { LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto, RegisterDto, TokenDto } from './auth.dto';
import { AuthService, LoginResult } from './auth.service';
import { RateLimiter } from './rate-limiter';
import { ApiErrors, CreatedResponse } from '../common/openapi';
import {
  LoggedOutResponse,
  LoginResponse,
  PasswordResetResponse,
  ResetRequestedResponse,
  VerificationSentResponse,
  VerifiedResponse,
} from './auth.schemas';

@ApiTags('auth')
@Controller(`${API}/auth`)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  @ApiOperation({
    summary: 'Register as a citizen; sends a verification e-mail (400 WEAK_PASSWORD or VALIDATION_FAILED, 429 RATE_LIMITED)',
    description:
      'An address that already has an account (compared after Unicode normalization: NFKC, invisible characters removed, ' +
      'lower case, IDN domain in ASCII) gets the same 201 answer, with an id that names no account, and no second account; ' +
      'its owner is told by e-mail instead. So the answer does not reveal whether an address is registered: tell the user ' +
      'to check their e-mail. An address with a control or invisible character left after normalization is refused ' +
      '(400 VALIDATION_FAILED, constraint visibleEmail).',
  })
  @ApiCreatedResponse({ type: CreatedResponse })
  @ApiErrors(422, 429)
  async register(@Body() body: RegisterDto, @Req() request: FastifyRequest): Promise<{ id: string }> {
    await this.limiter.hit('register', request.ip, body.email);
    const locale = body.locale ?? requestLocale(request, this.config.defaultLocale);
    return this.auth.register({
      email: body.email,
      password: body.password,
      displayName: body.displayName,
      locale,
      consent: body.consent === true,
    });
  }

  @Post('verify-email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the e-mail address with the token from the link (400 TOKEN_INVALID or TOKEN_EXPIRED)' })
  @ApiOkResponse({ type: VerifiedResponse })
  async verifyEmail(@Body() body: TokenDto): Promise<{ verified: true }> {
    await this.auth.verifyEmail(body.token);
    return { verified: true };
  }

  @Post('verify-email/resend')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send a new verification link to the signed-in user' })
  @ApiOkResponse({ type: VerificationSentResponse })
  @ApiErrors(429)
  async resend(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<{ sent: boolean }> {
    await this.limiter.hit('resend', request.ip, user.email);
    await this.auth.resendVerification(user.id);
    return { sent: !user.emailVerified };
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: returns a bearer token and sets the httpOnly session cookie (401 INVALID_CREDENTIALS, 429 RATE_LIMITED)',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors(401, 429)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<LoginResult, 'expiresAt'>> {
    // the sign-in page's limits too (RateLimiter.signIn): per IP, per account and IP; an account is slowed down, not locked
    const result = await this.limiter.signIn(request.ip, body.email, () => this.auth.login(body.email, body.password));
    setSessionCookie(reply, this.config, result.accessToken);
    return { accessToken: result.accessToken, user: result.user };
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign out: ends the session of the bearer token and of the session cookie sent (neither works any more, on any instance) and clears the cookie; 200 also without a session',
  })
  @ApiOkResponse({ type: LoggedOutResponse })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ loggedOut: true }> {
    await this.auth.signOut(sessionTokens(request));
    clearSessionCookie(reply, this.config);
    return { loggedOut: true };
  }

  @Post('logout-all')
  @HttpCode(200)
  @Auth()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Sign out everywhere: ends every session of the signed-in user, this one included, on every device and instance, and clears the cookie (a password reset does the same)',
  })
  @ApiOkResponse({ type: LoggedOutResponse })
  async logoutEverywhere(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ loggedOut: true }> {
    await this.auth.signOutEverywhere(user.id);
    clearSessionCookie(reply, this.config);
    return { loggedOut: true };
  }

  @Post('password-reset/request')
  @HttpCode(200)
  @ApiOperation({ summary: 'E-mail a password reset link (always 200, whether or not the address has an account)' })
  @ApiOkResponse({ type: ResetRequestedResponse })
  @ApiErrors(429)
  async requestReset(@Body() body: PasswordResetRequestDto, @Req() request: FastifyRequest): Promise<{ requested: true }> {
    await this.limiter.hit('reset', request.ip, body.email);
    await this.auth.requestPasswordReset(body.email);
    return { requested: true };
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Set a new password with the token from the link; ends every session of the account (TOKEN_INVALID, TOKEN_EXPIRED, WEAK_PASSWORD)',
  })
  @ApiOkResponse({ type: PasswordResetResponse })
  @ApiErrors(429)
  async confirmReset(@Body() body: PasswordResetConfirmDto, @Req() request: FastifyRequest): Promise<{ reset: true }> {
    await this.limiter.hit('reset-confirm', request.ip, undefined);
    await this.auth.confirmPasswordReset(body.token, body.password);
    return { reset: true };
  }
}
