import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { ReviewSweepRepository } from './review-sweep.repository';
import { ReviewSweepService } from './review-sweep.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [PlansModule],
  controllers: [ReviewsController],
  providers: [ReviewsService, ReviewsRepository, ReviewSweepService, ReviewSweepRepository],
  exports: [ReviewsService, ReviewsRepository, ReviewSweepService],
})
export class ReviewsModule {}
