import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { sessionSecretOf } from '../config/session-secret';

/** The list a token unsubscribes from: the news of one plan, for one person. */
export interface UnsubscribeList {
  userId: string;
  planId: string;
}

/** Scope byte of a token: `p` = the news of one plan (room for other lists later). */
const PLAN_NEWS = 0x70;
const UUID_BYTES = 16;
const MAC_BYTES = 32;
const TOKEN_BYTES = 1 + 2 * UUID_BYTES + MAC_BYTES;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(uuid: string): Buffer {
  if (!UUID_RE.test(uuid)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The token of an unsubscribe link: base64url of (scope, user id, plan id, HMAC-SHA256 of those with a
 * key derived from the session secret). Checked without a table: only the server can make one, and
 * it names its person and list, so a link forwarded or guessed cannot unsubscribe anybody else. No
 * expiry: RFC 8058 links must keep working for as long as the e-mail is read.
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', sessionSecretOf(config)).update('talqylau-unsubscribe-v1').digest();
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  sign(list: UnsubscribeList): string {
    const payload = Buffer.concat([Buffer.from([PLAN_NEWS]), uuidBytes(list.userId), uuidBytes(list.planId)]);
    return Buffer.concat([payload, this.mac(payload)]).toString('base64url');
  }

  /** The list of a genuine token, else null (wrong length, scope or signature). */
  verify(token: unknown): UnsubscribeList | null {
    if (typeof token !== 'string' || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes[0] !== PLAN_NEWS) return null;
    const payload = bytes.subarray(0, TOKEN_BYTES - MAC_BYTES);
    if (!timingSafeEqual(this.mac(payload), bytes.subarray(TOKEN_BYTES - MAC_BYTES))) return null;
    return { userId: uuidOf(payload.subarray(1, 1 + UUID_BYTES)), planId: uuidOf(payload.subarray(1 + UUID_BYTES)) };
  }
}
