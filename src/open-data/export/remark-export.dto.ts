import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { CSV_SEPARATOR_DESCRIPTION, CSV_SEPARATORS, type CsvSeparatorName } from '../../outcomes/csv';

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

/** The CSV export's query: the filters, and the field separator. */
export class RemarkCsvExportQuery extends RemarkExportQuery {
  @ApiPropertyOptional({ enum: Object.keys(CSV_SEPARATORS), description: CSV_SEPARATOR_DESCRIPTION })
  @IsOptional()
  @IsIn(Object.keys(CSV_SEPARATORS))
  separator?: CsvSeparatorName;
}
