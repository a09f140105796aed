import { Module } from '@nestjs/common';
import { PlanImportController } from './plan-import.controller';
import { PlanImportRepository } from './plan-import.repository';
import { PlanImportService } from './plan-import.service';

/** Import of plan items from an organizer's annual procurement plan (CSV), as drafts. */
@Module({
  controllers: [PlanImportController],
  providers: [PlanImportService, PlanImportRepository],
  exports: [PlanImportService],
})
export class PlanImportModule {}
