import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, map } from 'rxjs';
import type { Locale } from './locale';
import { localizeResponse } from './localize-response';
import { requestLocale } from './request-locale';

/** Gives every API response in the reader's language, with `i18n` beside each published text (localize-response.ts). */
@Injectable()
export class LocalizeResponseInterceptor implements NestInterceptor {
  constructor(private readonly fallback: Locale) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reader = requestLocale(request, this.fallback);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!reply.hasHeader('content-language')) reply.header('content-language', reader);
    // the body depends on Accept-Language and the remembered choice: a shared cache must keep one per language
    if (!reply.hasHeader('vary')) reply.header('vary', 'accept-language, cookie');
    return next.handle().pipe(map((body: unknown) => localizeResponse(body, reader)));
  }
}
