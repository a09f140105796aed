import 'reflect-metadata';
import { SystemClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { createApp } from '../src/create-app';
import { SweepService } from '../src/scheduler/sweep.service';

/**
 * One service instance (the same createApp as main.ts, with its own timers off so that only the
 * pass the parent starts runs) that runs one sweep pass when told to: several of these at once are
 * replicas sweeping the same database.
 */
async function main(): Promise<void> {
  const config = { ...loadConfig(), sweepEnabled: false, dispatcherEnabled: false };
  const app = await createApp(config, new SystemClock());
  const sweep = app.get(SweepService);
  process.on('message', (m: { type: string }) => {
    if (m.type !== 'sweep') return;
    const started = Date.now();
    sweep
      .runOnce()
      .then((result) => process.send!({ type: 'sweep:done', ...result, ms: Date.now() - started }))
      .catch((error) => process.send!({ type: 'sweep:done', error: String(error) }));
  });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.send!({ type: 'ready' });
}

void main();
