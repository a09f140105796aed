import { Logger } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { createTransport } from 'nodemailer';
import type { OutboxAttachment } from './outbox-message.entity';

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: OutboxAttachment[];
  /** Extra header lines (List-Unsubscribe, List-Unsubscribe-Post); absent on e-mails queued before they existed. */
  headers?: Record<string, string>;
}

/** Sends one message or throws; the dispatcher decides about retries. */
export abstract class Mailer {
  abstract send(email: OutgoingEmail): Promise<void>;
  async close(): Promise<void> {}
}

function toNodemailer(from: string, email: OutgoingEmail) {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html ?? undefined,
    // A stable Message-ID lets mail systems drop a copy re-sent after a crash mid-send.
    messageId: `<${email.id}@talqylau>`,
    headers: email.headers ?? {},
    attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  };
}

/** Connections the pool keeps open to the SMTP server (the dispatcher keeps two messages per connection on their way). */
export const SMTP_CONNECTIONS = 8;
/** How long an SMTP connection may stay silent before a send fails. */
export const SMTP_SOCKET_TIMEOUT_MS = 30_000;

export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    // The options go in the one object with the url: as createTransport's second argument they
    // would be message defaults, and every message would open a connection of its own.
    this.transport = createTransport({
      url,
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail(toNodemailer(this.from, email));
  }

  override async close(): Promise<void> {
    this.transport.close();
  }
}

/** Without SMTP_URL: each message becomes an .eml file under DATA_DIR/mail, and a log line. */
export class FileMailer extends Mailer {
  private readonly logger = new Logger('FileMailer');
  private readonly transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    super();
    mkdirSync(dir, { recursive: true });
  }

  async send(email: OutgoingEmail): Promise<void> {
    const info = await this.transport.sendMail(toNodemailer(this.from, email));
    const file = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.id}.eml`);
    writeFileSync(file, info.message as Buffer);
    this.logger.log({ to: email.to, subject: email.subject, file }, 'e-mail written to file (no SMTP_URL)');
  }
}
