import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';

export class ProtocolVersionResponseI18n {
  @ApiProperty({ type: [LocalizedVersions] })
  speakers!: LocalizedVersions[];
  @ApiProperty({ type: LocalizedVersions })
  summary!: LocalizedVersions;
  @ApiProperty({ type: [LocalizedVersions] })
  decisions!: LocalizedVersions[];
  @ApiPropertyOptional({ type: [LocalizedVersions], description: 'The positions stated at the hearing, when there are any' })
  positions?: LocalizedVersions[];
  @ApiPropertyOptional({ type: LocalizedVersions })
  correctionReason?: LocalizedVersions;
}

export class ProtocolQuestionResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  question!: LocalizedVersions;
  @ApiProperty({ type: LocalizedVersions })
  answer!: LocalizedVersions;
}

export class ProtocolQuestionResponse {
  @ApiProperty({ type: String })
  question!: string;
  @ApiProperty({ type: String })
  answer!: string;
  @ApiProperty({ type: () => ProtocolQuestionResponseI18n })
  i18n!: ProtocolQuestionResponseI18n;
}

export class ProtocolVersionResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: 'integer' })
  attendeesCount!: number;
  @ApiProperty({ type: [String] })
  speakers!: string[];
  @ApiProperty({ type: [String] })
  positions!: string[];
  @ApiProperty({ type: () => [ProtocolQuestionResponse] })
  questions!: ProtocolQuestionResponse[];
  @ApiProperty({ type: String })
  summary!: string;
  @ApiProperty({ type: [String] })
  decisions!: string[];
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: Boolean })
  late!: boolean;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => ProtocolVersionResponseI18n })
  i18n!: ProtocolVersionResponseI18n;
}

export class ProtocolResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: 'integer' })
  attendeesCount!: number;
  @ApiProperty({ type: [String] })
  speakers!: string[];
  @ApiProperty({ type: [String] })
  positions!: string[];
  @ApiProperty({ type: () => [ProtocolQuestionResponse] })
  questions!: ProtocolQuestionResponse[];
  @ApiProperty({ type: String })
  summary!: string;
  @ApiProperty({ type: [String] })
  decisions!: string[];
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: Boolean })
  late!: boolean;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => [ProtocolVersionResponse] })
  versions!: ProtocolVersionResponse[];
  @ApiProperty({ type: () => ProtocolVersionResponseI18n })
  i18n!: ProtocolVersionResponseI18n;
}

/** Whether the caller follows the plan now. */
export class FollowResponse {
  @ApiProperty({ type: Boolean })
  following!: boolean;
}

/** Whether the caller is signed up for the hearing now. */
export class SignupResponse {
  @ApiProperty({ type: Boolean })
  signedUp!: boolean;
}

export class AllowedDatesResponseDate {
  @ApiProperty({ type: String })
  date!: string;
  @ApiProperty({ type: Boolean })
  allowed!: boolean;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: LocalizedVersions, nullable: true })
  reasons!: LocalizedVersions | null;
}

export class AllowedDatesResponse {
  @ApiProperty({ type: String })
  from!: string;
  @ApiProperty({ type: String })
  to!: string;
  @ApiProperty({ type: () => [AllowedDatesResponseDate] })
  dates!: AllowedDatesResponseDate[];
}

export class HearingResponseHistoryItemI18n {
  @ApiProperty({ type: LocalizedVersions })
  room!: LocalizedVersions;
}

export class HearingResponseHistoryItem {
  @ApiProperty({ type: String })
  action!: string;
  @ApiProperty({ type: 'integer' })
  sequence!: number;
  @ApiProperty({ type: String })
  startsAt!: string;
  @ApiProperty({ type: String, nullable: true })
  room!: string | null;
  @ApiProperty({ type: String, nullable: true })
  livestreamUrl!: string | null;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String })
  at!: string;
  @ApiPropertyOptional({ type: () => HearingResponseHistoryItemI18n })
  i18n?: HearingResponseHistoryItemI18n;
}

export class HearingResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  venue!: LocalizedVersions;
  @ApiPropertyOptional({ type: LocalizedVersions })
  room?: LocalizedVersions;
}

export class HearingResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  startsAt!: string;
  @ApiProperty({ type: String })
  endsAt!: string;
  @ApiProperty({ type: String })
  localDate!: string;
  @ApiProperty({ type: String })
  venue!: string;
  @ApiProperty({ type: String, nullable: true })
  room!: string | null;
  @ApiProperty({ type: String, nullable: true })
  livestreamUrl!: string | null;
  @ApiProperty({ type: String })
  status!: string;
  @ApiProperty({ type: 'integer' })
  sequence!: number;
  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;
  @ApiProperty({ type: String })
  icsUrl!: string;
  @ApiProperty({ type: () => [HearingResponseHistoryItem] })
  history!: HearingResponseHistoryItem[];
  @ApiProperty({ type: () => HearingResponseI18n })
  i18n!: HearingResponseI18n;
}
