/**
 * The only source of "now" for the procedure. Legal deadlines are judged by this clock, so tests and
 * the sandbox can move it. Operational timing (retries, leases) uses the database's own time;
 * sessions and the lifetimes of e-mailed links use the RealClock.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Stands still until set; used by CLOCK_MODE=manual and by tests. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    super();
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    this.current = to.getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Real time, which the sandbox never moves: when a session was issued, when it expires and when it
 * was revoked, and how long an e-mailed link works. Moving the sandbox clock a month forward must not
 * sign everybody out. Tests may give the application one they can move (test/support/test-app.ts).
 */
export abstract class RealClock {
  abstract now(): Date;
}

export class SystemRealClock extends RealClock {
  now(): Date {
    return new Date();
  }
}
