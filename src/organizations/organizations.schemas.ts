import { ApiProperty } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';

export class OrganizationResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  name!: LocalizedVersions;
  @ApiProperty({ type: LocalizedVersions })
  address!: LocalizedVersions;
}

export class OrganizationResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ type: String })
  bin!: string;
  @ApiProperty({ type: String })
  address!: string;
  @ApiProperty({ type: String })
  timeZone!: string;
  @ApiProperty({ type: String })
  councilId!: string;
  @ApiProperty({ type: () => OrganizationResponseI18n })
  i18n!: OrganizationResponseI18n;
}

export class CouncilResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  name!: LocalizedVersions;
}

export class CouncilResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: () => CouncilResponseI18n })
  i18n!: CouncilResponseI18n;
}
