import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { Organization } from '../../organizations/organization.entity';
import { atomDocument } from './atom';
import type { FeedScope } from './feed-links';
import { FeedsRepository } from './feeds.repository';
import { hearingsCalendar, HEARINGS_FEED_SIZE } from './hearings-calendar';
import { plansFeed, PLANS_FEED_SIZE } from './plans-feed';

/** The Atom feed of published plans and the calendar of upcoming hearings, everyone's or one organization's. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The organization of the scope (null for everyone's feed); 404 ORGANIZATION_NOT_FOUND for an unknown id. */
  private async organization(scope: FeedScope): Promise<Organization | null> {
    if (scope.organizationId === null) return null;
    const organization = await this.feeds.organization(scope.organizationId);
    if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND');
    return organization;
  }

  async plansAtom(scope: FeedScope): Promise<string> {
    const organization = await this.organization(scope);
    const plans = await this.feeds.newestPlans(scope.organizationId, PLANS_FEED_SIZE);
    return atomDocument(plansFeed({ scope, publicUrl: this.config.publicUrl, organization, plans }));
  }

  async hearingsIcs(scope: FeedScope): Promise<string> {
    const organization = await this.organization(scope);
    const now = this.clock.now();
    const hearings = await this.feeds.upcomingHearings(now, scope.organizationId, HEARINGS_FEED_SIZE);
    return hearingsCalendar({ scope, config: this.config, organization, hearings, now });
  }
}
