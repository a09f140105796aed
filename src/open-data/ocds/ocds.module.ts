import { Module } from '@nestjs/common';
import { OcdsController } from './ocds.controller';
import { OcdsRepository } from './ocds.repository';
import { OcdsService } from './ocds.service';
import { OcdsSyncService } from './ocds-sync.service';

/** OCDS 1.1 releases of published plans (api.md "Open data and integration"). */
@Module({
  controllers: [OcdsController],
  providers: [OcdsRepository, OcdsSyncService, OcdsService],
  exports: [OcdsSyncService],
})
export class OcdsModule {}
