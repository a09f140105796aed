import { Module } from '@nestjs/common';
import { ModerationModule } from '../moderation/moderation.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { OutcomesController } from './outcomes.controller';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

@Module({
  imports: [ReviewsModule, ModerationModule],
  controllers: [OutcomesController],
  providers: [OutcomesService, OutcomesRepository],
  exports: [OutcomesService],
})
export class OutcomesModule {}
