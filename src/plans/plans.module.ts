import { Module } from '@nestjs/common';
import { PlanNewsService } from './plan-news.service';
import { PlanRecipientsRepository } from './plan-recipients.repository';
import { PlanSubscriptionsRepository } from './plan-subscriptions.repository';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

@Module({
  controllers: [PlansController],
  providers: [PlansService, PlanNewsService, PlansRepository, PlanSubscriptionsRepository, PlanRecipientsRepository],
  exports: [PlansService, PlanNewsService, PlansRepository, PlanSubscriptionsRepository, PlanRecipientsRepository],
})
export class PlansModule {}
