import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LOCALES } from '../../common/i18n/locale';
import type { Locale } from '../../common/i18n/locale';

/** Whose feed and in which language. */
export class FeedQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "One organization's feed (404 ORGANIZATION_NOT_FOUND when there is none); every organization's without it",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    description: 'The language of the texts; else the remembered choice, then Accept-Language (a missing version falls back kk→ru→en)',
  })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
