import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server in a process of its own (so its parsing does not share the load generator's
 * thread): accepts every message, remembers the Message-ID of those addressed to the recipients
 * being measured (`reset` gives their pattern), and tells the parent how many it got, how many
 * were duplicates, and how many other messages came meanwhile (the running service's own mail,
 * such as the notice of a stage that closed during the run).
 */
const seen = new Map<string, number>();
let received = 0;
let other = 0;
let measured = /^/;
let firstAt = 0;
let lastAt = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  maxClients: 1000,
  onData(stream, session, callback) {
    const counted = session.envelope.rcptTo.some((r) => measured.test(r.address));
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 16384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      if (!counted) {
        other++;
        callback();
        return;
      }
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? `(none ${received})`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      received++;
      lastAt = Date.now();
      if (!firstAt) firstAt = lastAt;
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', port: (server.server.address() as AddressInfo).port });
});

process.on('message', (m: { type: string; recipients?: string }) => {
  if (m.type === 'stats') {
    const duplicates = [...seen.values()].filter((n) => n > 1).length;
    process.send!({ type: 'stats:done', received, unique: seen.size, duplicates, other, firstAt, lastAt });
  } else if (m.type === 'reset') {
    seen.clear();
    received = 0;
    other = 0;
    measured = new RegExp(m.recipients ?? '^');
    firstAt = lastAt = 0;
    process.send!({ type: 'reset:done' });
  }
});
