import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LOCALES, Locale } from '../../common/i18n/locale';
import { trim } from '../../common/transforms';
import { IsAccountEmail } from '../../identity/email-identity';

export const STAFF_ROLES = ['organizer', 'council_member', 'moderator', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export class CreateUserDto {
  @ApiProperty({ example: 'organizer@akimat.kz' })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ description: '10 to 128 characters, not a common password' })
  @IsString()
  password: string;

  @ApiProperty({ example: 'Procurement department' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: StaffRole;

  @ApiPropertyOptional({ description: 'Required for an organizer' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ description: 'Required for a council member' })
  @IsOptional()
  @IsUUID()
  councilId?: string;

  @ApiPropertyOptional({ description: 'The council chair (one per council)' })
  @IsOptional()
  @IsBoolean()
  isChair?: boolean;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}
