import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ApiCsrfGuard } from './auth/api-csrf.guard';
import { AuthGuard } from './auth/auth.guard';
import { Csrf } from './auth/csrf';
import { TokenService } from './auth/token.service';
import { RateLimiter } from './rate-limiter';
import { RateLimitsRepository } from './rate-limits.repository';
import { RevokedSessionsRepository } from './revoked-sessions.repository';
import { UserTokensRepository } from './user-tokens.repository';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    TokenService,
    AuthService,
    UsersService,
    UsersRepository,
    UserTokensRepository,
    RevokedSessionsRepository,
    RateLimiter,
    RateLimitsRepository,
    Csrf,
    { provide: APP_GUARD, useClass: AuthGuard },
    // after AuthGuard: it needs to know who the session cookie signed in
    { provide: APP_GUARD, useClass: ApiCsrfGuard },
  ],
  exports: [Csrf, TokenService, AuthService, UsersService, UsersRepository, RateLimiter],
})
export class IdentityModule {}
