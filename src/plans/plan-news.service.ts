import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { LocalizedText } from '../common/i18n/localized-text';
import { UnsubscribeTokens } from '../notifications/unsubscribe-token';
import { PlanSubscriptionsRepository } from './plan-subscriptions.repository';

/** What an unsubscribe link stops: whose news, of which plan, and whether it is already stopped. */
export interface NewsSubscription {
  planId: string;
  email: string;
  planTitle: LocalizedText;
  optedOut: boolean;
}

/**
 * Unsubscribing from a plan's news by the link of its e-mails (List-Unsubscribe, RFC 8058): the signed
 * token is the whole authority (no session, no CSRF token), so a mail client's one-click POST works.
 * Following the plan again takes it back (PlanSubscriptionsRepository.add).
 */
@Injectable()
export class PlanNewsService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: UnsubscribeTokens,
    private readonly subscriptions: PlanSubscriptionsRepository,
    private readonly clock: Clock,
  ) {}

  /** What the link would stop; UNSUBSCRIBE_LINK_INVALID for a forged, cut or foreign token. Changes nothing. */
  async preview(token: unknown): Promise<NewsSubscription> {
    const list = this.tokens.verify(token);
    const target = list && (await this.subscriptions.newsTarget(this.db, list.planId, list.userId));
    if (!list || !target) throw new AppError('UNSUBSCRIBE_LINK_INVALID');
    return {
      planId: list.planId,
      email: target.email,
      planTitle: LocalizedText.fromStored(target.title) as LocalizedText,
      optedOut: target.opted_out,
    };
  }

  /** Stops the plan's news for the token's person; a repeat changes nothing and answers the same. */
  async unsubscribe(token: unknown): Promise<NewsSubscription> {
    const found = await this.preview(token);
    if (!found.optedOut) {
      await this.subscriptions.optOutOfNews(this.db, found.planId, this.tokens.verify(token)!.userId, this.clock.now());
    }
    return { ...found, optedOut: true };
  }
}
