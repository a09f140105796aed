import { Module } from '@nestjs/common';
import { ModerationModule } from '../../moderation/moderation.module';
import { PageKitModule } from '../page-kit.module';
import { ModerationPagesRepository } from './moderation-pages.repository';
import { ModerationPagesController } from './moderation.controller';
import { RemarkModerationPagesController } from './remark-moderation.controller';

/** The moderation pages (issue 16): the queue and the decision page, a remark's report and appeal forms. */
@Module({
  imports: [PageKitModule, ModerationModule],
  controllers: [ModerationPagesController, RemarkModerationPagesController],
  providers: [ModerationPagesRepository],
})
export class ModerationWebModule {}
