import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthService } from './health.service';
import { HealthResponse } from './health.schemas';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Database and e-mail outbox state; 503 while the database is unreachable' })
  @ApiOkResponse({ type: HealthResponse, description: 'The database answers (status ok, or degraded while e-mail fails)' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The database does not answer (status down)' })
  async check(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.check();
    void reply.status(report.status === 'down' ? 503 : 200).send(report);
  }
}
