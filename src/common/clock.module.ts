import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, RealClock, SystemRealClock } from './clock';

/**
 * Provides the one Clock of the application (system, or manual in the sandbox and tests), and the
 * RealClock of sessions and links (the system's, or one the tests move).
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock, realClock: RealClock = new SystemRealClock()): DynamicModule {
    return {
      module: ClockModule,
      providers: [
        { provide: Clock, useValue: clock },
        { provide: RealClock, useValue: realClock },
      ],
      exports: [Clock, RealClock],
    };
  }
}
