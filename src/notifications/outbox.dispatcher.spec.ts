import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import type { OutgoingEmail } from './mailer';
import { Mailer } from './mailer';
import { OutboxDispatcher, SHUTDOWN_WAIT_MS } from './outbox.dispatcher';
import type { ClaimedMessage, OutboxRepository } from './outbox.repository';

const LEASE_SECONDS = 120;
/** A message is handed to SMTP until 30 s (a slow send) before its lease, less a 5 s margin, ends. */
const SEND_BY_MS = (LEASE_SECONDS - 5 - 30) * 1000;

/** An SMTP server that holds every message until the test lets it through. */
class HeldMailer extends Mailer {
  readonly sending: { id: string; accept: () => void }[] = [];

  send(email: OutgoingEmail): Promise<void> {
    return new Promise<void>((accept) => this.sending.push({ id: email.id, accept }));
  }

  acceptAll(): void {
    for (const message of this.sending.splice(0)) message.accept();
  }
}

/** The outbox table as the dispatcher sees it: one claim hands out `rows`, then nothing. */
function fakeOutbox(count: number) {
  let rows: ClaimedMessage[] = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    recipient: `p${i}@example.test`,
    subject: 's',
    text_body: 't',
    html_body: null,
    attachments: [],
    headers: {},
    attempts: 1,
  }));
  const sent: string[] = [];
  const failed: string[] = [];
  const repository = {
    claimDue: (_worker: string, limit: number) => {
      const claimed = rows.slice(0, limit);
      rows = rows.slice(limit);
      return Promise.resolve(claimed);
    },
    markSent: (ids: string[]) => {
      sent.push(...ids);
      return Promise.resolve();
    },
    recordFailure: (id: string) => {
      failed.push(id);
      return Promise.resolve();
    },
  };
  return { repository: repository as unknown as OutboxRepository, sent, failed };
}

function dispatcherWith(count: number) {
  const outbox = fakeOutbox(count);
  const mailer = new HeldMailer();
  const config = {
    dispatcherEnabled: false,
    outbox: { leaseSeconds: LEASE_SECONDS, retryBaseSeconds: 10, retryMaxSeconds: 3600 },
  } as AppConfig;
  return { ...outbox, mailer, dispatcher: new OutboxDispatcher(outbox.repository, mailer, config) };
}

/** Lets the promise chains run (the fake clock stands still). */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('OutboxDispatcher: leases and shutdown', () => {
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends and records every claimed message while the leases hold', async () => {
    const { dispatcher, mailer, sent, failed } = dispatcherWith(20);
    const run = dispatcher.runOnce(20);
    await settle();
    expect(mailer.sending).toHaveLength(16);
    mailer.acceptAll();
    await settle();
    mailer.acceptAll();
    await expect(run).resolves.toBe(20);
    expect(sent.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`).sort());
    expect(failed).toEqual([]);
  });

  it('does not hand the SMTP server a message whose lease ended while it waited (another instance may hold it), nor records a failure', async () => {
    const { dispatcher, mailer, sent, failed } = dispatcherWith(20);
    const run = dispatcher.runOnce(20);
    await settle();
    const first = mailer.sending.map((m) => m.id);
    expect(first).toHaveLength(16);
    // a very slow mail server: the 4 messages still queued here would be sent too close to their lease's end
    await jest.advanceTimersByTimeAsync(SEND_BY_MS);
    mailer.acceptAll();
    await run;
    expect(mailer.sending).toEqual([]);
    expect(sent.sort()).toEqual(first.sort());
    expect(failed).toEqual([]);
  });

  it('still sends a queued message one moment before the last moment it may be sent', async () => {
    const { dispatcher, mailer, sent } = dispatcherWith(17);
    const run = dispatcher.runOnce(17);
    await settle();
    await jest.advanceTimersByTimeAsync(SEND_BY_MS - 1);
    mailer.sending.shift()!.accept();
    await settle();
    expect(mailer.sending.map((m) => m.id)).toContain('m16');
    mailer.acceptAll();
    await run;
    expect(sent).toHaveLength(17);
  });

  it('at shutdown sends nothing more, waits for the messages on their way to be recorded, and leaves the queued ones alone', async () => {
    const { dispatcher, mailer, sent, failed } = dispatcherWith(20);
    const run = dispatcher.runOnce(20);
    await settle();
    const onTheirWay = mailer.sending.map((m) => m.id);
    let stopped = false;
    const stopping = dispatcher.onModuleDestroy().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    mailer.acceptAll();
    await stopping;
    await run;
    expect(mailer.sending).toEqual([]);
    expect(sent.sort()).toEqual(onTheirWay.sort());
    expect(failed).toEqual([]);
    await expect(dispatcher.runOnce(20)).resolves.toBe(0);
  });

  it('waits at most SHUTDOWN_WAIT_MS for a send that does not end', async () => {
    const { dispatcher, mailer, sent } = dispatcherWith(3);
    void dispatcher.runOnce(3);
    await settle();
    expect(mailer.sending).toHaveLength(3);
    let stopped = false;
    const stopping = dispatcher.onModuleDestroy().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(SHUTDOWN_WAIT_MS - 1);
    expect(stopped).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await stopping;
    expect(sent).toEqual([]);
  });
});
