import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CommitmentInputDto } from '../commitments/commitments.dto';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { LocalizedTextField } from '../common/i18n/localized-text.validation';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** The most documents a notice lists. */
export const NOTICE_DOCUMENTS_MAX = 50;

export class NoticeDocumentDto {
  @LocalizedTextField(500, {
    description: 'Unique within the notice in each language; a commitment names the document by any version of its title.',
  })
  title: LocalizedInput;

  @ApiProperty({ description: 'https link to the document', maxLength: 2000 })
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ description: 'SHA-256 of the file, 64 hex digits' })
  @Matches(/^[0-9a-fA-F]{64}$/)
  sha256: string;
}

export class NoticeBaseDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  noticeNumber: string;

  @ApiProperty({ type: [NoticeDocumentDto], minItems: 1, maxItems: NOTICE_DOCUMENTS_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTICE_DOCUMENTS_MAX)
  @ValidateNested({ each: true })
  @Type(() => NoticeDocumentDto)
  documents: NoticeDocumentDto[];
}

export class NoticeDto extends NoticeBaseDto {
  @ApiPropertyOptional({
    type: [CommitmentInputDto],
    maxItems: 1000,
    description:
      "One for each stage-1 remark whose latest answer is accepted or partially_accepted: implemented (document: a title of this notice's documents, and location) or not_implemented, with an explanation. 422 COMMITMENTS_INCOMPLETE {missing: [remarkId]}, COMMITMENT_INVALID",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CommitmentInputDto)
  commitments?: CommitmentInputDto[];
}

export class NoticeCorrectionDto extends NoticeBaseDto {
  @LocalizedTextField(2000, { description: 'Why the notice is corrected (shown publicly with the new version).' })
  reason: LocalizedInput;
}

export class NoticeDocumentTranslationDto {
  @IsOptional()
  @LocalizedTextField(500, { required: false, description: "Versions of this document's title to add." })
  title?: LocalizedInput;
}

export class NoticeTranslationsDto {
  @ApiPropertyOptional({
    type: [NoticeDocumentTranslationDto],
    maxItems: NOTICE_DOCUMENTS_MAX,
    description: "By position: the n-th element adds translations to the current notice's n-th document ({} leaves one as it is).",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTICE_DOCUMENTS_MAX)
  @ValidateNested({ each: true })
  @Type(() => NoticeDocumentTranslationDto)
  documents?: NoticeDocumentTranslationDto[];

  @IsOptional()
  @LocalizedTextField(2000, { required: false, description: "Versions of the current correction's reason to add." })
  correctionReason?: LocalizedInput;
}
