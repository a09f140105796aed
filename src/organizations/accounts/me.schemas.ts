import { ApiProperty } from '@nestjs/swagger';
import { LocalizedVersions } from '../../common/openapi';

export class MeResponseOrganizationI18n {
  @ApiProperty({ type: LocalizedVersions })
  name!: LocalizedVersions;
}

export class MeResponseOrganization {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ type: () => MeResponseOrganizationI18n })
  i18n!: MeResponseOrganizationI18n;
}

export class MeResponseCouncilI18n {
  @ApiProperty({ type: LocalizedVersions })
  name!: LocalizedVersions;
}

export class MeResponseCouncil {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  name!: string;
  @ApiProperty({ type: Boolean })
  isChair!: boolean;
  @ApiProperty({ type: () => MeResponseCouncilI18n })
  i18n!: MeResponseCouncilI18n;
}

export class MeResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  email!: string;
  @ApiProperty({ type: String })
  displayName!: string;
  @ApiProperty({ type: String })
  role!: string;
  @ApiProperty({ type: String })
  locale!: string;
  @ApiProperty({ type: Boolean })
  emailVerified!: boolean;
  @ApiProperty({ type: String, nullable: true })
  consentAt!: string | null;
  @ApiProperty({ type: () => MeResponseOrganization, nullable: true })
  organization!: MeResponseOrganization | null;
  @ApiProperty({ type: () => MeResponseCouncil, nullable: true })
  council!: MeResponseCouncil | null;
}
