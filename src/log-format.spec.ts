import { logTransport } from './log-format';

describe('logTransport', () => {
  it('prints readable lines (pino-pretty) when stdout is a terminal', () => {
    const transport = logTransport(true, {}, 'info');
    expect(transport?.target).toBe(require.resolve('pino-pretty'));
    expect(transport?.options.colorize).toBe(true);
  });

  it('writes JSON lines when stdout is a file, a pipe or unknown', () => {
    expect(logTransport(false, {}, 'info')).toBeUndefined();
    expect(logTransport(undefined, {}, 'info')).toBeUndefined();
  });

  it('LOG_FORMAT overrides the guess either way', () => {
    expect(logTransport(true, { LOG_FORMAT: 'json' }, 'info')).toBeUndefined();
    const forced = logTransport(false, { LOG_FORMAT: 'pretty' }, 'debug');
    expect(forced?.target).toBe(require.resolve('pino-pretty'));
    expect(forced?.options.colorize).toBe(false);
    expect(logTransport(true, { LOG_FORMAT: 'other' }, 'info')?.target).toBe(require.resolve('pino-pretty'));
  });

  it('pino starts it and writes a readable line', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `const pino = require(${JSON.stringify(require.resolve('pino'))});
      const log = pino({ transport: ${JSON.stringify(logTransport(false, { LOG_FORMAT: 'pretty' }, 'info'))} });
      log.info({ req: { method: 'GET', url: '/plans' } }, 'request completed');`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toMatch(/INFO.*request completed/);
    expect(run.stdout).not.toContain('{"level"');
  });

  it('silent logs start no transport', () => {
    expect(logTransport(true, { LOG_FORMAT: 'pretty' }, 'silent')).toBeUndefined();
  });
});
