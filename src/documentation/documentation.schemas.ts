import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';

export class NoticeDocumentResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  title!: LocalizedVersions;
}

export class NoticeDocumentResponse {
  @ApiProperty({ type: String })
  url!: string;
  @ApiProperty({ type: String })
  title!: string;
  @ApiProperty({ type: String })
  sha256!: string;
  @ApiProperty({ type: () => NoticeDocumentResponseI18n })
  i18n!: NoticeDocumentResponseI18n;
}

export class NoticeResponseStage2 {
  @ApiProperty({ type: String })
  opensAt!: string;
  @ApiProperty({ type: String })
  closesAt!: string;
}

export class NoticeVersionResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  correctionReason!: LocalizedVersions;
}

export class NoticeVersionResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  noticeNumber!: string;
  @ApiProperty({ type: () => [NoticeDocumentResponse] })
  documents!: NoticeDocumentResponse[];
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiPropertyOptional({ type: () => NoticeVersionResponseI18n })
  i18n?: NoticeVersionResponseI18n;
}

export class NoticeResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  noticeNumber!: string;
  @ApiProperty({ type: () => [NoticeDocumentResponse] })
  documents!: NoticeDocumentResponse[];
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => NoticeResponseStage2 })
  stage2!: NoticeResponseStage2;
  @ApiProperty({ type: () => [NoticeVersionResponse] })
  versions!: NoticeVersionResponse[];
  @ApiPropertyOptional({ type: () => NoticeVersionResponseI18n })
  i18n?: NoticeVersionResponseI18n;
}

export class NoticePublishedResponse {
  @ApiProperty({ type: String })
  opensAt!: string;
  @ApiProperty({ type: String })
  closesAt!: string;
  @ApiProperty({ type: () => NoticeResponse })
  notice!: NoticeResponse;
}
