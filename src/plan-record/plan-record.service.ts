import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommitmentsService } from '../commitments/commitments.service';
import { Clock } from '../common/clock';
import { AuthUser } from '../identity/auth/auth-user';
import { PlansService } from '../plans/plans.service';
import { ListPlansQuery } from '../plans/plans.dto';
import { PlanListItem, planListItems, PlanRecord, planModeration, withProcedureDetails } from './plan-record';
import { remarkReader } from '../remarks/remark-moderation';

@Injectable()
export class PlanRecordService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly commitments: CommitmentsService,
  ) {}

  /** A page of GET /plans (PlansService.list), each item with the same hearing, protocol, notice and outcome as its GET /plans/{id}. */
  async list(user: AuthUser | undefined, query: ListPlansQuery): Promise<{ items: PlanListItem[]; nextCursor: string | null }> {
    const page = await this.plans.list(user, query);
    return { items: await planListItems(this.db.manager, page.items), nextCursor: page.nextCursor };
  }

  /**
   * One plan with every step of the procedure so far, if the user may see it; verdict and dispute
   * reasons, commitments' remarks and answers as the user may read them (issue 16: masked for the public).
   */
  async get(user: AuthUser | undefined, planId: string): Promise<PlanRecord> {
    const now = this.clock.now();
    const view = await this.plans.view(user, planId, now);
    const reader = remarkReader(user, view.organization.id);
    const record = await withProcedureDetails(this.db.manager, view, now, reader);
    return {
      ...record,
      commitments: await this.commitments.view(record.id, undefined, reader),
      moderation: planModeration(await this.plans.hiddenByReason(record.id)),
    };
  }
}
