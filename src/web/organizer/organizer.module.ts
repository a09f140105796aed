import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../../commitments/commitments.module';
import { PlanRecordModule } from '../../plan-record/plan-record.module';
import { DocumentationModule } from '../../documentation/documentation.module';
import { HearingsModule } from '../../hearings/hearings.module';
import { OutcomesModule } from '../../outcomes/outcomes.module';
import { PlanImportModule } from '../../plan-import/plan-import.module';
import { PlansModule } from '../../plans/plans.module';
import { RemarksModule } from '../../remarks/remarks.module';
import { ReviewsModule } from '../../reviews/reviews.module';
import { PageKitModule } from '../page-kit.module';
import { OrganizerCorrectionsController } from './organizer-corrections.controller';
import { OrganizerHearingController } from './organizer-hearing.controller';
import { OrganizerStepsController } from './organizer-steps.controller';
import { OrganizerController } from './organizer.controller';
import { OrganizerPagesRepository } from './organizer-pages.repository';
import { PlanImportPageController } from './plan-import.controller';
import { OrganizerView } from './organizer.view';

/** The organizer's pages (/organizer/...), on top of the services of each step of the procedure. */
@Module({
  imports: [
    PageKitModule,
    PlansModule,
    PlanRecordModule,
    RemarksModule,
    HearingsModule,
    DocumentationModule,
    ReviewsModule,
    OutcomesModule,
    CommitmentsModule,
    PlanImportModule,
  ],
  controllers: [
    OrganizerController,
    OrganizerHearingController,
    OrganizerStepsController,
    OrganizerCorrectionsController,
    PlanImportPageController,
  ],
  providers: [OrganizerPagesRepository, OrganizerView],
})
export class OrganizerWebModule {}
