import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OCDS_PAGE_MAX, OCDS_PLAN_PAGE_MAX } from './ocds.service';

/** GET /ocds/releases: releases stored since a time, a page at a time. */
export class OcdsReleasesQuery {
  @ApiPropertyOptional({ description: 'Only releases stored at or after this time (ISO 8601, e.g. 2027-03-01T10:00:00+05:00)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ description: 'The cursor in links.next of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: OCDS_PAGE_MAX, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(OCDS_PAGE_MAX)
  limit?: number;
}

/** GET /ocds/releases/{planId}: a plan's releases in date order, a page at a time. */
export class OcdsPlanReleasesQuery {
  @ApiPropertyOptional({ description: 'The cursor in links.next of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: OCDS_PLAN_PAGE_MAX, default: OCDS_PLAN_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(OCDS_PLAN_PAGE_MAX)
  limit?: number;
}

class OcdsPublisher {
  @ApiProperty({ description: 'The publisher of the data: this service' })
  name: string;
}

class OcdsLinks {
  @ApiPropertyOptional({ format: 'uri', description: 'The next page (absent on the last page)' })
  next?: string;
}

/** An OCDS 1.1 release package (release-package-schema.json) with the Enquiry extension. */
export class OcdsReleasePackageResponse {
  @ApiProperty({ format: 'uri', description: 'Where this package is published' })
  uri: string;

  @ApiProperty({ enum: ['1.1'] })
  version: '1.1';

  @ApiProperty({ format: 'date-time' })
  publishedDate: string;

  @ApiProperty({ type: OcdsPublisher })
  publisher: OcdsPublisher;

  @ApiProperty({ type: [String], description: 'The extensions used: Enquiry (tender.enquiries) and Pagination (links)' })
  extensions: string[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'OCDS 1.1 releases (release-schema.json with the Enquiry extension): ocid, id, date, tag, initiationType, and planning, tender, parties, buyer as the event set them',
  })
  releases: Record<string, unknown>[];

  @ApiPropertyOptional({ type: OcdsLinks, description: 'Pagination extension: the next page, while more releases remain' })
  links?: OcdsLinks;
}
