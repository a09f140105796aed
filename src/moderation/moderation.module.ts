import { Module } from '@nestjs/common';
import { ModerationService } from './moderation.service';

/** TEMP placeholder of H1's module (issue 16); dropped at merge. */
@Module({ providers: [ModerationService], exports: [ModerationService] })
export class ModerationModule {}
