import { logTransport } from './log-format';

describe('logTransport', () => {
  it('prints readable lines (pino-pretty) when stdout is a terminal', () => {
    const transport = logTransport(true, {}, 'info');
    expect(transport?.target).toBe('pino-pretty');
    expect(transport?.options.colorize).toBe(true);
  });

  it('writes JSON lines when stdout is a file, a pipe or unknown', () => {
    expect(logTransport(false, {}, 'info')).toBeUndefined();
    expect(logTransport(undefined, {}, 'info')).toBeUndefined();
  });

  it('LOG_FORMAT overrides the guess either way', () => {
    expect(logTransport(true, { LOG_FORMAT: 'json' }, 'info')).toBeUndefined();
    const forced = logTransport(false, { LOG_FORMAT: 'pretty' }, 'debug');
    expect(forced?.target).toBe('pino-pretty');
    expect(forced?.options.colorize).toBe(false);
    expect(logTransport(true, { LOG_FORMAT: 'other' }, 'info')?.target).toBe('pino-pretty');
  });

  it('silent logs start no transport', () => {
    expect(logTransport(true, { LOG_FORMAT: 'pretty' }, 'silent')).toBeUndefined();
  });
});
