import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { AuthUser } from '../identity/auth/auth-user';
import { PlansService } from '../plans/plans.service';
import { PlanRecord, withProcedureDetails } from './plan-record';

@Injectable()
export class PlanRecordService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly plans: PlansService,
  ) {}

  /** One plan with every step of the procedure so far, if the user may see it. */
  async get(user: AuthUser | undefined, planId: string): Promise<PlanRecord> {
    const now = this.clock.now();
    return withProcedureDetails(this.db.manager, await this.plans.view(user, planId, now), now);
  }
}
