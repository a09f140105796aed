import { Module } from '@nestjs/common';
import { SweepRepository } from './sweep.repository';
import { SweepService } from './sweep.service';

@Module({
  providers: [SweepService, SweepRepository],
  exports: [SweepService],
})
export class SchedulerModule {}
