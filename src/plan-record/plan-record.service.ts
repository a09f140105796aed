import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommitmentsService } from '../commitments/commitments.service';
import { Clock } from '../common/clock';
import { AuthUser } from '../identity/auth/auth-user';
import { PlansService } from '../plans/plans.service';
import { PlanRecord, planModeration, withProcedureDetails } from './plan-record';

@Injectable()
export class PlanRecordService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly commitments: CommitmentsService,
  ) {}

  /** One plan with every step of the procedure so far, if the user may see it. */
  async get(user: AuthUser | undefined, planId: string): Promise<PlanRecord> {
    const now = this.clock.now();
    const record = await withProcedureDetails(this.db.manager, await this.plans.view(user, planId, now), now);
    return {
      ...record,
      commitments: await this.commitments.view(record.id),
      moderation: planModeration(await this.plans.hiddenByReason(record.id)),
    };
  }
}
