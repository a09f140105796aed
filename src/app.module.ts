import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { CalendarModule } from './calendar/calendar.module';
import { CommitmentsModule } from './commitments/commitments.module';
import { Clock, RealClock } from './common/clock';
import { ClockModule } from './common/clock.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DocumentationModule } from './documentation/documentation.module';
import { FeedsModule } from './open-data/feeds/feeds.module';
import { ENTITIES } from './entities';
import { HealthModule } from './health/health.module';
import { HearingsModule } from './hearings/hearings.module';
import { IdentityModule } from './identity/identity.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OcdsModule } from './open-data/ocds/ocds.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ModerationModule } from './moderation/moderation.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { PlanImportModule } from './plan-import/plan-import.module';
import { RemarkExportModule } from './open-data/export/remark-export.module';
import { PlanRecordModule } from './plan-record/plan-record.module';
import { PlansModule } from './plans/plans.module';
import { RemarksModule } from './remarks/remarks.module';
import { ReviewsModule } from './reviews/reviews.module';
import { SandboxController } from './sandbox/sandbox.controller';
import { SchedulerModule } from './scheduler/scheduler.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock, realClock: RealClock | undefined, logger: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock, realClock),
        // Nest's own log lines through the service's pino logger. No middleware (forRoutes: []): the
        // access log is a Fastify hook (http-access-log.ts) without nestjs-pino's AsyncLocalStorage.
        // Keep forRoutes: [] (its default is every route): the adapter runs without middie (skipMiddie
        // in create-app.ts), so any middleware stops the start.
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        ScheduleModule.forRoot(),
        DatabaseModule.forRoot(ENTITIES),
        NotificationsModule,
        IdentityModule,
        CalendarModule,
        OrganizationsModule,
        PlansModule,
        RemarksModule,
        ModerationModule,
        HearingsModule,
        ReviewsModule,
        CommitmentsModule,
        DocumentationModule,
        OutcomesModule,
        SchedulerModule,
        PlanRecordModule,
        PlanImportModule,
        FeedsModule,
        RemarkExportModule,
        OcdsModule,
        HealthModule,
        WebModule,
      ],
      controllers: [SandboxController],
    };
  }
}
