import { Module } from '@nestjs/common';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentsService } from './commitments.service';

/** Commitments: accepted stage-1 remarks kept (or not) in the documentation, their versions and the authors' verdicts. */
@Module({
  controllers: [CommitmentsController],
  providers: [CommitmentsService, CommitmentsRepository],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
