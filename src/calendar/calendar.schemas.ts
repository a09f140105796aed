import { ApiProperty } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';

export class CalendarDayResponse {
  @ApiProperty({ type: String })
  date!: string;
  @ApiProperty({ type: Boolean })
  working!: boolean;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: LocalizedVersions, nullable: true })
  reasons!: LocalizedVersions | null;
  @ApiProperty({ type: String })
  kind!: string;
}

export class CalendarYearResponse {
  @ApiProperty({ type: 'integer' })
  year!: number;
  @ApiProperty({ type: () => [CalendarDayResponse] })
  days!: CalendarDayResponse[];
}
