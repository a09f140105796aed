import type { Logger } from '@nestjs/common';
import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  const logger = { error: jest.fn() } as unknown as Logger;

  it('skips a tick while the previous pass is still running', async () => {
    const flight = new SingleFlight(logger, 'sweep');
    let release!: () => void;
    const pass = jest.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const first = flight.run(pass);
    await flight.run(pass);
    expect(pass).toHaveBeenCalledTimes(1);
    release();
    await first;
    await flight.run(async () => undefined);
  });

  it('logs a failed pass and runs the next one', async () => {
    const flight = new SingleFlight(logger, 'review sweep');
    await flight.run(async () => {
      throw new Error('database down');
    });
    expect(logger.error).toHaveBeenCalledWith('review sweep failed, will retry: database down');
    const next = jest.fn(async () => undefined);
    await flight.run(next);
    expect(next).toHaveBeenCalledTimes(1);
  });
});
