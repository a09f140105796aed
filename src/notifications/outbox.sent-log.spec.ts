import { Logger } from '@nestjs/common';
import { SentLog } from './outbox.sent-log';

/** A write that waits until the test lets it finish (or fail), remembering the ids of each call. */
function controlledWrite() {
  const calls: string[][] = [];
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const write = (ids: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(ids);
      pending.push({ resolve, reject });
    });
  const settle = async (outcome: 'ok' | 'fail') => {
    const next = pending.shift()!;
    if (outcome === 'ok') next.resolve();
    else next.reject(new Error('connection terminated'));
    await new Promise((r) => setImmediate(r));
  };
  return { calls, write, settle };
}

describe('SentLog: marking accepted e-mails as sent', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => jest.useRealTimers());

  it('writes the first message at once and the ones accepted meanwhile together in the next statement', async () => {
    const db = controlledWrite();
    const log = new SentLog(db.write);
    const far = Date.now() + 60_000;
    const done: string[] = [];
    const first = log.record('a', far).then(() => done.push('a'));
    const later = ['b', 'c', 'd'].map((id) => log.record(id, far).then(() => done.push(id)));
    expect(db.calls).toEqual([['a']]);
    await db.settle('ok');
    await first;
    expect(done).toEqual(['a']);
    expect(db.calls).toEqual([['a'], ['b', 'c', 'd']]);
    await db.settle('ok');
    await Promise.all(later);
    expect(done).toEqual(['a', 'b', 'c', 'd']);
  });

  it('tries a failed write again (a database outage) and settles only when the messages are recorded', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const db = controlledWrite();
    const log = new SentLog(db.write);
    let recorded = false;
    void log.record('a', Date.now() + 60_000).then(() => (recorded = true));
    await db.settle('fail');
    expect(recorded).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(db.calls).toEqual([['a'], ['a']]);
    await db.settle('fail');
    await jest.advanceTimersByTimeAsync(400);
    expect(db.calls).toHaveLength(3);
    await db.settle('ok');
    expect(recorded).toBe(true);
  });

  it('gives a message up (it may then be sent again) only when its lease ends before the next try, and keeps trying the others', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const db = controlledWrite();
    const log = new SentLog(db.write);
    const settled: string[] = [];
    const far = Date.now() + 60_000;
    void log.record('x', far).then(() => settled.push('x'));
    void log.record('short', Date.now() + 150).then(() => settled.push('short'));
    void log.record('long', far).then(() => settled.push('long'));
    await db.settle('ok');
    expect(db.calls[1]).toEqual(['short', 'long']);
    await db.settle('fail');
    expect(settled).toEqual(['x', 'short']);
    await jest.advanceTimersByTimeAsync(200);
    expect(db.calls[2]).toEqual(['long']);
    await db.settle('ok');
    expect(settled).toEqual(['x', 'short', 'long']);
  });
});
