import { ApiProperty } from '@nestjs/swagger';

export class SandboxClockResponse {
  @ApiProperty({ type: String })
  now!: string;
}
