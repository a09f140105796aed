import { Module } from '@nestjs/common';
import { RateLimitsRepository } from '../../identity/rate-limits.repository';
import { ExportRateLimit } from './export-rate-limit';
import { RemarkExportController } from './remark-export.controller';
import { RemarkExportRepository } from './remark-export.repository';
import { RemarkExportService } from './remark-export.service';

/** GET /export/remarks.csv and /export/remarks.json: the bulk export of public remarks (README "Bulk export"). */
@Module({
  controllers: [RemarkExportController],
  providers: [RemarkExportService, RemarkExportRepository, ExportRateLimit, RateLimitsRepository],
})
export class RemarkExportModule {}
