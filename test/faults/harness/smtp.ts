import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './util';

export interface Received {
  messageId: string;
  to: string[];
  subject: string;
  /** The `[tag:...]` of the remark the message is about (the answer e-mail quotes the remark). */
  tag: string | null;
  at: number;
}

/**
 * A real SMTP server on a fixed port that can be stopped (connections refused, open ones cut) and
 * started again. It keeps every message it accepted and dedupes nothing, so copies are counted.
 *
 * With `delayMs` it answers the end of DATA that much later, like a remote mail server. A message
 * counts as received when the 250 reply goes out; if the client vanished before that (kill -9
 * mid-transaction) the server never took responsibility for it (RFC 5321 4.1.1.4), so it is not
 * kept but counted in `droppedClientGone`.
 */
export class FaultSmtp {
  readonly received: Received[] = [];
  droppedClientGone = 0;
  private server: SMTPServer | null = null;
  private readonly closedSessions = new Set<string>();
  port = 0;

  constructor(private readonly delayMs = 0) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    if (!this.port) this.port = await freePort();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 200,
      size: 10 * 1024 * 1024,
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
            if (this.closedSessions.has(session.id)) {
              this.droppedClientGone++;
              return callback(new Error('client gone'));
            }
            const text = `${mail.text ?? ''}`;
            this.received.push({
              messageId: mail.messageId ?? '',
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: mail.subject ?? '',
              tag: /\[tag:([\w-]+)\]/.exec(text)?.[1] ?? null,
              at: Date.now(),
            });
            callback();
          })
          .catch(callback);
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  /** Stops listening and cuts open connections (421 then close), like a mail server going down. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
