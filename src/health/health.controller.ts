import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

interface OutboxState {
  pending: number;
  failed: number;
  oldestPendingSeconds: number | null;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Database and e-mail outbox state; 503 while the database is unreachable' })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const started = Date.now();
    try {
      const [row] = await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'failed')::int AS failed,
                extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::int AS oldest
         FROM outbox_messages WHERE status IN ('pending', 'failed')`,
      );
      const outbox: OutboxState = { pending: row.pending, failed: row.failed, oldestPendingSeconds: row.oldest };
      const status = outbox.failed > 0 || (outbox.oldestPendingSeconds ?? 0) > 600 ? 'degraded' : 'ok';
      void reply.status(200).send({ status, database: { status: 'up', latencyMs: Date.now() - started }, outbox });
    } catch (error) {
      void reply.status(503).send({
        status: 'down',
        database: { status: 'down', error: error instanceof Error ? error.message : String(error) },
        outbox: null,
      });
    }
  }
}
