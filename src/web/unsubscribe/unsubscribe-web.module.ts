import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { PageKitModule } from '../page-kit.module';
import { UnsubscribePagesController } from './unsubscribe.controller';

/** The unsubscribe page of news e-mails and its one-click POST (RFC 8058). */
@Module({
  imports: [PageKitModule, PlansModule],
  controllers: [UnsubscribePagesController],
})
export class UnsubscribeWebModule {}
