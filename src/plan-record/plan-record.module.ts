import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module';
import { PlansModule } from '../plans/plans.module';
import { PlanRecordController } from './plan-record.controller';
import { PlanRecordService } from './plan-record.service';

/** The plan as a record of its whole procedure: a read model above the stages. */
@Module({
  imports: [PlansModule, CommitmentsModule],
  controllers: [PlanRecordController],
  providers: [PlanRecordService],
  exports: [PlanRecordService],
})
export class PlanRecordModule {}
