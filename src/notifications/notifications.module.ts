import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FileMailer, Mailer, SmtpMailer } from './mailer';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

@Global()
@Module({
  providers: [
    OutboxService,
    OutboxDispatcher,
    OutboxRepository,
    {
      provide: Mailer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Mailer =>
        config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new FileMailer(join(config.dataDir, 'mail'), config.mailFrom),
    },
  ],
  exports: [OutboxService, OutboxDispatcher],
})
export class NotificationsModule {}
