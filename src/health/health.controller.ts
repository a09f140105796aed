import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Database and e-mail outbox state; 503 while the database is unreachable' })
  async check(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.check();
    void reply.status(report.status === 'down' ? 503 : 200).send(report);
  }
}
