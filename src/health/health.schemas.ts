import { ApiProperty } from '@nestjs/swagger';

export class HealthDatabase {
  @ApiProperty({ type: String, enum: ['up', 'down'] })
  status!: 'up' | 'down';
  @ApiProperty({ type: Number, required: false, description: 'While up' })
  latencyMs?: number;
  @ApiProperty({ type: String, required: false, description: 'While down' })
  error?: string;
}

export class HealthOutbox {
  @ApiProperty({ type: 'integer' })
  pending!: number;
  @ApiProperty({ type: 'integer' })
  failed!: number;
  @ApiProperty({ type: Number, nullable: true })
  oldestPendingSeconds!: number | null;
}

/** GET /health: 200 while the database answers (ok, or degraded with e-mail failing), 503 while it does not (down). */
export class HealthResponse {
  @ApiProperty({ type: String, enum: ['ok', 'degraded', 'down'] })
  status!: 'ok' | 'degraded' | 'down';
  @ApiProperty({ type: () => HealthDatabase })
  database!: HealthDatabase;
  @ApiProperty({ type: () => HealthOutbox, nullable: true, description: 'null while the database is down' })
  outbox!: HealthOutbox | null;
}
