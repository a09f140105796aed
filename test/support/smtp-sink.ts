import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail extends ParsedMail {
  /** The envelope recipients. */
  envelopeTo: string[];
}

/** A real SMTP server in this process that keeps every message it accepts, parsed. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer;
  private port = 0;
  /** While set, every message is refused with a temporary error (the server is "down"). */
  refuse = false;
  /** The reply code of a refusal: 421 "try later" by default, or a permanent 5xx. */
  refuseCode = 421;
  /** How long the server takes to accept a message once it has it (a slow server). */
  delayMs = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        if (this.refuse) {
          stream.resume();
          stream.on('end', () =>
            callback(Object.assign(new Error(`${this.refuseCode} message refused`), { responseCode: this.refuseCode })),
          );
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
            if (this.delayMs > 0) setTimeout(() => callback(), this.delayMs);
            else callback();
          })
          .catch(callback);
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address.toLowerCase()) || m.envelopeTo.includes(address));
  }

  /** Waits until `predicate` holds for the received messages (the dispatcher works in the background). */
  async waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for e-mail; received: ${JSON.stringify(this.messages.map((m) => ({ to: m.envelopeTo, subject: m.subject })))}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
