import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { HearingSweepRepository } from './hearing-sweep.repository';
import { HearingSweepService } from './hearing-sweep.service';
import { HearingsController } from './hearings.controller';
import { HearingsRepository } from './hearings.repository';
import { HearingsService } from './hearings.service';

@Module({
  imports: [PlansModule],
  controllers: [HearingsController],
  providers: [HearingsService, HearingSweepService, HearingsRepository, HearingSweepRepository],
  exports: [HearingsService, HearingSweepService, HearingsRepository],
})
export class HearingsModule {}
