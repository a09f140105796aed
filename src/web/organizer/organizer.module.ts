import { Module } from '@nestjs/common';
import { DocumentationModule } from '../../documentation/documentation.module';
import { HearingsModule } from '../../hearings/hearings.module';
import { OutcomesModule } from '../../outcomes/outcomes.module';
import { PlanRecordModule } from '../../plan-record/plan-record.module';
import { PlansModule } from '../../plans/plans.module';
import { RemarksModule } from '../../remarks/remarks.module';
import { ReviewsModule } from '../../reviews/reviews.module';
import { Csrf } from '../csrf';
import { OrganizerController } from './organizer.controller';
import { OrganizerPagesRepository } from './organizer-pages.repository';

/** The organizer's pages (/organizer/...), on top of the services of each step of the procedure. */
@Module({
  imports: [PlansModule, PlanRecordModule, RemarksModule, HearingsModule, DocumentationModule, ReviewsModule, OutcomesModule],
  controllers: [OrganizerController],
  providers: [OrganizerPagesRepository, Csrf],
})
export class OrganizerWebModule {}
