import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Csrf } from '../csrf';
import { errorPage } from '../pages';
import { errorText, requestContext, sendPage } from '../web.controller';

/**
 * Refusals on the organizer pages (another organization's plan item, an unknown id, an expired
 * form) as a page in the reader's language that still shows who is signed in; anything else goes
 * on to the global ErrorFilter.
 */
@Catch(AppError)
export class OrganizerErrorFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly csrf: Csrf) {}

  catch(error: AppError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const ctx = requestContext(request, this.config.defaultLocale, this.csrf);
    sendPage(request, host.switchToHttp().getResponse<FastifyReply>(), ctx, errorPage(ctx, error.status, errorText(error, ctx.locale)), error.status);
  }
}
