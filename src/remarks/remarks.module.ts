import { Module } from '@nestjs/common';
import { HearingsModule } from '../hearings/hearings.module';
import { AnswerVerdictsRepository } from './answer-verdicts.repository';
import { RemarksController } from './remarks.controller';
import { RemarksRepository } from './remarks.repository';
import { RemarksService } from './remarks.service';
import { VerdictsService } from './verdicts.service';

@Module({
  imports: [HearingsModule],
  controllers: [RemarksController],
  providers: [RemarksService, RemarksRepository, VerdictsService, AnswerVerdictsRepository],
  exports: [RemarksService, RemarksRepository, VerdictsService, AnswerVerdictsRepository],
})
export class RemarksModule {}
