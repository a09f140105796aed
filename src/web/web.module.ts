import { Module, OnModuleInit } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { ErrorFilter } from '../common/errors/error.filter';
import { WebErrorRenderer } from './html-error-renderer';
import { WebQueries } from './queries';
import { Csrf } from './csrf';
import { RemarksModule } from '../remarks/remarks.module';
import { WebController } from './web.controller';
import { OrganizerWebModule } from './organizer/organizer.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { AdminPagesController } from './admin/admin.controller';
import { AdminQueries } from './admin/admin.queries';
import { CouncilPagesController } from './council/council.controller';
import { CouncilQueries } from './council/council.queries';
import { HearingsModule } from '../hearings/hearings.module';
import { AccountPagesController } from './citizen/account.controller';
import { CitizenPagesController } from './citizen/citizen.controller';
import { CitizenQueries } from './citizen/citizen.queries';
import { PlanParticipation } from './citizen/plan-participation';

/**
 * Server-rendered public pages (html.ts templates, layout.ts, one stylesheet in assets/).
 * Wires the global ErrorFilter so that errors of page routes are pages, not JSON.
 */
@Module({
  controllers: [WebController, CouncilPagesController, AdminPagesController, AccountPagesController, CitizenPagesController],
  imports: [OrganizerWebModule, RemarksModule, ReviewsModule, OrganizationsModule, HearingsModule],
  providers: [WebQueries, Csrf, CouncilQueries, AdminQueries, CitizenQueries, PlanParticipation],
})
export class WebModule implements OnModuleInit {
  constructor(private readonly appConfig: ApplicationConfig) {}

  onModuleInit(): void {
    for (const filter of this.appConfig.getGlobalFilters()) {
      if (filter instanceof ErrorFilter) filter.useHtmlRenderer(new WebErrorRenderer());
    }
  }
}
