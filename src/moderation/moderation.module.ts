import { Module } from '@nestjs/common';
import { ModerationController } from './moderation.controller';
import { ModerationRepository } from './moderation.repository';
import { ModerationService } from './moderation.service';

/** Reports, the moderators' queue and decisions, and appeals (issue 16). */
@Module({
  controllers: [ModerationController],
  providers: [ModerationService, ModerationRepository],
  exports: [ModerationService, ModerationRepository],
})
export class ModerationModule {}
