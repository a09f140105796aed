import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class RemarkExportQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Only remarks created, answered (any version), judged by their author or moderated at or after this instant (`changedAt`); ' +
      'for an incremental sync pass the time your previous download started, and replace rows by `remarkId`',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only the remarks on this organization's plans" })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
