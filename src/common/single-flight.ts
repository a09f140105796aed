import type { Logger } from '@nestjs/common';

/**
 * A periodic job's pass runs at most once at a time on this instance; a failed pass is logged and
 * the next tick tries again (the sweeps are safe to repeat, so nothing is lost by skipping one).
 */
export class SingleFlight {
  private running = false;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  async run(pass: () => Promise<unknown>): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await pass();
    } catch (error) {
      this.logger.error(`${this.what} failed, will retry: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
