import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarOverride } from './calendar-override.entity';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarOverride])],
  controllers: [CalendarController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
