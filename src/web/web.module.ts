import { Module, OnModuleInit } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { CommitmentsModule } from '../commitments/commitments.module';
import { ErrorFilter } from '../common/errors/error.filter';
import { HearingsModule } from '../hearings/hearings.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RemarksModule } from '../remarks/remarks.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { AdminCalendarController } from './admin/admin-calendar.controller';
import { AdminPagesController } from './admin/admin.controller';
import { AdminPagesRepository } from './admin/admin-pages.repository';
import { AccountPagesController } from './citizen/account.controller';
import { CitizenPagesController } from './citizen/citizen.controller';
import { CitizenPagesRepository } from './citizen/citizen-pages.repository';
import { PlanParticipation } from './citizen/plan-participation';
import { VerdictPagesController } from './citizen/verdict.controller';
import { CouncilPlanView } from './council/council-plan.view';
import { CouncilPagesController } from './council/council.controller';
import { CouncilPagesRepository } from './council/council-pages.repository';
import { WebErrorRenderer } from './html-error-renderer';
import { ModerationWebModule } from './moderation/moderation-web.module';
import { OrganizerWebModule } from './organizer/organizer.module';
import { PageKitModule } from './page-kit.module';
import { PlanCommitmentsController } from './plan-commitments.controller';
import { PlanFormsController } from './plan-forms.controller';
import { PlanPageView } from './plan-page.view';
import { PublicPagesRepository } from './public-pages.repository';
import { SignInController } from './sign-in.controller';
import { UnsubscribeWebModule } from './unsubscribe/unsubscribe-web.module';
import { WebController } from './web.controller';

/**
 * Server-rendered pages (html.ts templates, layout.ts, one stylesheet in assets/, the form toolkit in
 * forms/). Wires the global ErrorFilter so that errors outside the page controllers are pages, not JSON.
 */
@Module({
  controllers: [
    WebController,
    SignInController,
    PlanFormsController,
    PlanCommitmentsController,
    AccountPagesController,
    CitizenPagesController,
    VerdictPagesController,
    CouncilPagesController,
    AdminPagesController,
    AdminCalendarController,
  ],
  imports: [
    PageKitModule,
    OrganizerWebModule,
    ModerationWebModule,
    UnsubscribeWebModule,
    RemarksModule,
    ReviewsModule,
    OrganizationsModule,
    HearingsModule,
    CommitmentsModule,
  ],
  providers: [
    PublicPagesRepository,
    CouncilPagesRepository,
    AdminPagesRepository,
    CitizenPagesRepository,
    PlanParticipation,
    PlanPageView,
    CouncilPlanView,
  ],
})
export class WebModule implements OnModuleInit {
  constructor(private readonly appConfig: ApplicationConfig) {}

  onModuleInit(): void {
    for (const filter of this.appConfig.getGlobalFilters()) {
      if (filter instanceof ErrorFilter) filter.useHtmlRenderer(new WebErrorRenderer());
    }
  }
}
