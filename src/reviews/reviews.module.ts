import { Module } from '@nestjs/common';
import { ReviewSweepRepository } from './review-sweep.repository';
import { ReviewSweepService } from './review-sweep.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

@Module({
  controllers: [ReviewsController],
  providers: [ReviewsService, ReviewSweepService, ReviewSweepRepository],
  exports: [ReviewsService, ReviewSweepService],
})
export class ReviewsModule {}
