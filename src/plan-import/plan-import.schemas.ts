import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_COLUMNS } from './plan-import.columns';
import { ROW_ERROR_CODES } from './plan-import.parser';

export class PlanImportRowError {
  @ApiProperty({ enum: IMPORT_COLUMNS, nullable: true, type: 'string', description: 'Null for a problem of the whole row' })
  column!: string | null;

  @ApiProperty({ enum: ROW_ERROR_CODES, description: 'Stable, machine-readable' })
  code!: string;

  @ApiProperty({ description: "In the request's language (kk, ru, en)" })
  message!: string;
}

export class PlanImportRowValues {
  @ApiProperty() planPointNumber!: string;
  @ApiProperty() nameKk!: string;
  @ApiProperty() nameRu!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() method!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() quarter!: string;
  @ApiProperty() year!: string;
  @ApiProperty() deliveryPlaceKk!: string;
  @ApiProperty() deliveryPlaceRu!: string;
}

export class PlanImportRowResponse {
  @ApiProperty({ description: 'Row of the spreadsheet (the header is row 1)', example: 2 })
  row!: number;

  @ApiProperty({ type: 'string', nullable: true })
  planPointNumber!: string | null;

  @ApiProperty({
    enum: ['new', 'exists', 'invalid', 'created'],
    description:
      'new: would be created; exists: the organization has this plan-point number (skipped); invalid: see errors; created: by this request',
  })
  status!: string;

  @ApiProperty({ type: PlanImportRowValues, description: 'The cells read, trimmed ("" when empty or the column is absent)' })
  values!: PlanImportRowValues;

  @ApiProperty({ type: [PlanImportRowError] })
  errors!: PlanImportRowError[];

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The draft created, or the plan that already has the number',
  })
  planId!: string | null;
}

export class PlanImportSummary {
  @ApiProperty() total!: number;
  @ApiProperty() new!: number;
  @ApiProperty() exists!: number;
  @ApiProperty() invalid!: number;
  @ApiProperty() created!: number;
}

export class PlanImportResponse {
  @ApiProperty({ type: [PlanImportRowResponse] })
  rows!: PlanImportRowResponse[];

  @ApiProperty({ type: PlanImportSummary })
  summary!: PlanImportSummary;

  @ApiProperty({ type: [String], description: 'Ids of the drafts created (empty for a preview)' })
  createdIds!: string[];
}
