import { Global, Module } from '@nestjs/common';
import { CalendarOverridesRepository } from './calendar-overrides.repository';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Global()
@Module({
  controllers: [CalendarController],
  providers: [CalendarService, CalendarOverridesRepository],
  exports: [CalendarService],
})
export class CalendarModule {}
