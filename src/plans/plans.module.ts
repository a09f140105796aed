import { Module } from '@nestjs/common';
import { PlanRecipientsRepository } from './plan-recipients.repository';
import { PlanSubscriptionsRepository } from './plan-subscriptions.repository';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

@Module({
  controllers: [PlansController],
  providers: [PlansService, PlansRepository, PlanSubscriptionsRepository, PlanRecipientsRepository],
  exports: [PlansService, PlansRepository, PlanSubscriptionsRepository, PlanRecipientsRepository],
})
export class PlansModule {}
