import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config';

/**
 * The installation's secret: SESSION_SECRET, else the one generated once into DATA_DIR/session-secret
 * (as the session tokens do). Keys for other purposes are derived from it, never the secret itself.
 */
export function sessionSecretOf(config: Pick<AppConfig, 'sessionSecret' | 'dataDir'>): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = join(config.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    // written meanwhile by another part of the service: that one counts
    return readFileSync(file, 'utf8').trim();
  }
}
