import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { API } from '../common/api';
import { Clock, ManualClock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ApiErrors } from '../common/openapi';
import { SandboxClockResponse } from './sandbox.schemas';

export class SetClockDto {
  /** ISO 8601 time with offset, e.g. 2027-03-01T10:00:00+05:00 */
  @IsISO8601({ strict: true })
  now: string;
}

/** CLOCK_MODE=manual only: read and move the service's time to rehearse a whole procedure. */
@ApiTags('sandbox')
@Controller(`${API}/sandbox/clock`)
export class SandboxController {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private manual(): ManualClock {
    if (this.config.clockMode !== 'manual' || !(this.clock instanceof ManualClock)) throw new AppError('NOT_FOUND');
    return this.clock;
  }

  @Get()
  @ApiOperation({ summary: 'The sandbox time (404 unless CLOCK_MODE=manual)' })
  @ApiOkResponse({ type: SandboxClockResponse })
  @ApiErrors(404)
  get(): { now: string } {
    return { now: this.manual().now().toISOString() };
  }

  @Put()
  @ApiOperation({ summary: 'Move the sandbox time (404 unless CLOCK_MODE=manual)' })
  @ApiOkResponse({ type: SandboxClockResponse })
  @ApiErrors(404)
  set(@Body() body: SetClockDto): { now: string } {
    const clock = this.manual();
    clock.set(new Date(body.now));
    return { now: clock.now().toISOString() };
  }
}
