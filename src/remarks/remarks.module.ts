import { Module } from '@nestjs/common';
import { HearingsModule } from '../hearings/hearings.module';
import { RemarksController } from './remarks.controller';
import { RemarksRepository } from './remarks.repository';
import { RemarksService } from './remarks.service';

@Module({
  imports: [HearingsModule],
  controllers: [RemarksController],
  providers: [RemarksService, RemarksRepository],
  exports: [RemarksService, RemarksRepository],
})
export class RemarksModule {}
