import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FileMailer, Mailer, SmtpMailer } from './mailer';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { UnsubscribeTokens } from './unsubscribe-token';

@Global()
@Module({
  providers: [
    OutboxService,
    OutboxDispatcher,
    OutboxRepository,
    UnsubscribeTokens,
    {
      provide: Mailer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Mailer =>
        config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new FileMailer(join(config.dataDir, 'mail'), config.mailFrom),
    },
  ],
  exports: [OutboxService, OutboxDispatcher, UnsubscribeTokens],
})
export class NotificationsModule {}
