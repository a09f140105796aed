import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';

export class PlanOrganizationI18n {
  @ApiProperty({ type: LocalizedVersions })
  name!: LocalizedVersions;
}

export class PlanOrganization {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ type: () => PlanOrganizationI18n })
  i18n!: PlanOrganizationI18n;
}

export class PlanStage1 {
  @ApiProperty({ type: String })
  opensAt!: string;
  @ApiProperty({ type: String })
  closesAt!: string;
  @ApiProperty({ type: String })
  closeDate!: string;
}

export class PlanStage2 {
  @ApiProperty({ type: String })
  opensAt!: string;
  @ApiProperty({ type: String })
  closesAt!: string;
}

export class PlanCounts {
  @ApiProperty({ type: 'integer' })
  remarks!: number;
  @ApiProperty({ type: 'integer' })
  answered!: number;
}

export class PlanCreatedResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  status!: string;
}

export class PlanResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  title!: LocalizedVersions;
  @ApiProperty({ type: LocalizedVersions })
  description!: LocalizedVersions;
  @ApiPropertyOptional({ type: LocalizedVersions })
  deliveryPlace?: LocalizedVersions;
}

export class PlanResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: () => PlanOrganization })
  organization!: PlanOrganization;
  @ApiProperty({ type: String })
  title!: string;
  @ApiProperty({ type: String })
  description!: string;
  @ApiProperty({ type: String })
  subjectCode!: string;
  @ApiProperty({ type: 'integer' })
  amount!: number;
  @ApiProperty({ type: String })
  method!: string;
  @ApiProperty({ type: String, nullable: true })
  plannedQuarter!: string | null;
  @ApiProperty({ type: String, nullable: true })
  deliveryPlace!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The plan-point number of the organizer's annual plan (set by the import)" })
  planPointNumber!: string | null;
  @ApiProperty({ type: String })
  status!: string;
  @ApiProperty({ type: Boolean })
  hearingOverdue!: boolean;
  @ApiProperty({ type: String, nullable: true })
  publishedAt!: string | null;
  @ApiProperty({ type: () => PlanStage1, nullable: true })
  stage1!: PlanStage1 | null;
  @ApiProperty({ type: String, nullable: true })
  hearingDeadlineDate!: string | null;
  @ApiProperty({ type: () => PlanStage2, nullable: true })
  stage2!: PlanStage2 | null;
  @ApiProperty({ type: () => PlanCounts })
  counts!: PlanCounts;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    enum: [null],
    description: 'Null in the answer to a write; GET /api/v1/plans/{id} has it',
  })
  hearing!: null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    enum: [null],
    description: 'Null in the answer to a write; GET /api/v1/plans/{id} has it',
  })
  protocol!: null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    enum: [null],
    description: 'Null in the answer to a write; GET /api/v1/plans/{id} has it',
  })
  review!: null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    enum: [null],
    description: 'Null in the answer to a write; GET /api/v1/plans/{id} has it',
  })
  notice!: null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    enum: [null],
    description: 'Null in the answer to a write; GET /api/v1/plans/{id} has it',
  })
  outcome!: null;
  @ApiProperty({ type: () => PlanResponseI18n })
  i18n!: PlanResponseI18n;
}
