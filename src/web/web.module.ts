import { Module, OnModuleInit } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { ErrorFilter } from '../common/errors/error.filter';
import { WebErrorRenderer } from './html-error-renderer';
import { PublicPagesRepository } from './public-pages.repository';
import { Csrf } from './csrf';
import { RemarksModule } from '../remarks/remarks.module';
import { WebController } from './web.controller';
import { OrganizerWebModule } from './organizer/organizer.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { AdminPagesController } from './admin/admin.controller';
import { AdminPagesRepository } from './admin/admin-pages.repository';
import { CouncilPagesController } from './council/council.controller';
import { CouncilPagesRepository } from './council/council-pages.repository';
import { HearingsModule } from '../hearings/hearings.module';
import { AccountPagesController } from './citizen/account.controller';
import { CitizenPagesController } from './citizen/citizen.controller';
import { CitizenPagesRepository } from './citizen/citizen-pages.repository';
import { PlanParticipation } from './citizen/plan-participation';

/**
 * Server-rendered public pages (html.ts templates, layout.ts, one stylesheet in assets/).
 * Wires the global ErrorFilter so that errors of page routes are pages, not JSON.
 */
@Module({
  controllers: [WebController, CouncilPagesController, AdminPagesController, AccountPagesController, CitizenPagesController],
  imports: [OrganizerWebModule, RemarksModule, ReviewsModule, OrganizationsModule, HearingsModule],
  providers: [PublicPagesRepository, Csrf, CouncilPagesRepository, AdminPagesRepository, CitizenPagesRepository, PlanParticipation],
})
export class WebModule implements OnModuleInit {
  constructor(private readonly appConfig: ApplicationConfig) {}

  onModuleInit(): void {
    for (const filter of this.appConfig.getGlobalFilters()) {
      if (filter instanceof ErrorFilter) filter.useHtmlRenderer(new WebErrorRenderer());
    }
  }
}
