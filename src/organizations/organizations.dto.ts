import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { trim } from '../common/transforms';

export class CreateCouncilDto {
  @ApiProperty({ example: 'Public council of Almaty city' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Akimat of Almaty city' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ description: '12 digits with a valid check digit', example: '940240000438' })
  @Transform(trim)
  @IsString()
  bin: string;

  @ApiProperty({ description: 'The hearing venue', example: 'Almaty, Republic Square 4' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  address: string;

  @ApiProperty({ description: 'IANA time zone', example: 'Asia/Almaty' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({ description: 'The overseeing public council' })
  @IsUUID()
  councilId: string;
}

export interface OrganizationView {
  id: string;
  name: string;
  bin: string;
  address: string;
  timeZone: string;
  councilId: string;
}

export interface CouncilView {
  id: string;
  name: string;
  createdAt: string;
}
