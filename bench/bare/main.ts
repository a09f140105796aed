import { loadConfig } from '../../src/config/config';
import { createBareApp } from './app';

/** The bare handler as the bench runs it: DATABASE_URL and PORT from the environment, stopped by SIGTERM. */
async function main(): Promise<void> {
  const app = await createBareApp(process.env.DATABASE_URL!, loadConfig(process.env).procedure);
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
