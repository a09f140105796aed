import { Module } from '@nestjs/common';
import { FeedsController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';

/** Feeds to subscribe to: published plans as Atom, upcoming hearings as iCalendar. */
@Module({
  controllers: [FeedsController],
  providers: [FeedsService, FeedsRepository],
})
export class FeedsModule {}
