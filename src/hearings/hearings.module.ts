import { Module } from '@nestjs/common';
import { HearingSweepService } from './hearing-sweep.service';
import { HearingsController } from './hearings.controller';
import { HearingsService } from './hearings.service';

@Module({
  controllers: [HearingsController],
  providers: [HearingsService, HearingSweepService],
  exports: [HearingsService, HearingSweepService],
})
export class HearingsModule {}
