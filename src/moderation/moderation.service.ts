import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../identity/auth/auth-user';
import type { HideReason, ReportReason } from '../remarks/remark-moderation';
import type { ModerationAction } from './moderation-decision.entity';
import type { AppealCreated, DecisionMade, ModerationHistory, QueueItem, ReportCreated } from './moderation.types';

/** TEMP placeholder of H1's service (issue 16): the interface of the plan only; dropped at merge. */
@Injectable()
export class ModerationService {
  report(_user: AuthUser, _remarkId: string, _input: { reason: ReportReason; text?: string | null }): Promise<ReportCreated> {
    return Promise.reject(new Error('placeholder'));
  }

  queue(_user: AuthUser, _query: { cursor?: string; limit?: number }): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    return Promise.reject(new Error('placeholder'));
  }

  decide(
    _user: AuthUser,
    _remarkId: string,
    _input: { action: ModerationAction; reason?: HideReason | null; note?: string | null },
  ): Promise<DecisionMade> {
    return Promise.reject(new Error('placeholder'));
  }

  appeal(_user: AuthUser, _remarkId: string, _text: string): Promise<AppealCreated> {
    return Promise.reject(new Error('placeholder'));
  }

  history(_user: AuthUser, _remarkId: string): Promise<ModerationHistory> {
    return Promise.reject(new Error('placeholder'));
  }
}
