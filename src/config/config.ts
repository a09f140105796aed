import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** The procedure's periods (domain.md); each can be changed by an environment variable. */
export interface ProcedureConfig {
  stage1Days: number;
  stage1ExtendToWorkingDay: boolean;
  answerDueWorkingDays: number;
  hearingMaxDaysAfterClose: number;
  hearingDayStart: string;
  hearingDayEnd: string;
  protocolDueWorkingDays: number;
  reviewWorkingDays: number;
  recommendationResponseMonths: number;
  stage2WorkingDays: number;
  stage2AnswerDueWorkingDays: number;
  /** The remark author's verdict on an answer version: working days after its publication. */
  verdictWorkingDays: number;
  /** The author's confirmation or dispute of a commitment: working days after its latest version (or while stage 2 is open). */
  commitmentVerdictWorkingDays: number;
  /** The author's appeal of a hidden remark: working days after the decision to hide it. */
  appealWorkingDays: number;
}

/** Abuse limits (issue 16), counted in PostgreSQL so that every instance sees the same counts. */
export interface ModerationConfig {
  /** Remarks one author may leave on one plan within an hour (REMARKS_PER_HOUR). */
  remarksPerHour: number;
  /** Reports one user may file within an hour (REPORTS_PER_HOUR). */
  reportsPerHour: number;
}

/** Open data (issue 17): OCDS releases and HTTP caching of public answers. */
export interface OpenDataConfig {
  /** The ocid prefix registered with the Open Contracting Partnership (OCDS_OCID_PREFIX); the default is for a sandbox only. */
  ocidPrefix: string;
  /** How long a browser or proxy may keep a public page or public GET, in seconds (PUBLIC_CACHE_SECONDS). */
  publicCacheSeconds: number;
  /** Bulk exports of remarks one client (IP address) may start per hour, counted across instances (EXPORT_RATE_PER_HOUR). */
  exportsPerHour: number;
}

/** Timing of the e-mail dispatcher (outbox.dispatcher.ts). */
export interface OutboxConfig {
  /** A claimed message is invisible to other dispatchers this long; longer than any SMTP timeout. */
  leaseSeconds: number;
  /** Wait before the 2nd attempt; doubles with each further attempt ... */
  retryBaseSeconds: number;
  /** ... up to this. */
  retryMaxSeconds: number;
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  /** Hot statements are named, prepared once per connection (DB_PREPARED_STATEMENTS); false behind PgBouncer in transaction pooling mode. */
  preparedStatements: boolean;
  dataDir: string;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  clockMode: 'system' | 'manual';
  clockStart: Date | null;
  adminEmail: string | null;
  adminPassword: string | null;
  sessionSecret: string | null;
  demoData: boolean;
  defaultLocale: 'kk' | 'ru' | 'en';
  /** Publishing a plan needs its title and description in both kk and ru (STATE_LANGUAGES_REQUIRED). */
  stateLanguagesRequired: boolean;
  logLevel: string;
  sweepEnabled: boolean;
  dispatcherEnabled: boolean;
  outbox: OutboxConfig;
  bodyLimitBytes: number;
  /** Whose X-Forwarded-For is believed (TRUST_PROXY): nobody's, the nearest n hops, or these addresses. */
  trustProxy: TrustProxy;
  /** A request, headers and body, must have arrived within this; else 408 REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  procedure: ProcedureConfig;
  moderation: ModerationConfig;
  openData: OpenDataConfig;
}

/** false: the client is the socket's peer; n: the address n hops back in X-Forwarded-For; a list: proxies at these addresses. */
export type TrustProxy = false | number | string[];

/** A configuration problem, reported on one line at start-up. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string | null): string | null {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name, null);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name, null);
  if (raw === null) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[], fallback: string | null): string | null {
  const raw = str(env, name, fallback);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${redact(raw)}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${redact(raw)}"`);
  }
  return raw;
}

function time(env: Env, name: string, fallback: string): string {
  const raw = str(env, name, fallback)!;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) throw new ConfigError(`${name} must be a time like 09:00, got "${raw}"`);
  return raw;
}

/** proxy-addr's names for the loopback, link-local and private ranges (IPv4 and IPv6). */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY: unset, the client address is the connection's (X-Forwarded-For is ignored); a number,
 * that many proxies in front; else a comma-separated list of proxy addresses and CIDR ranges.
 */
function trustProxy(env: Env): TrustProxy {
  const raw = str(env, 'TRUST_PROXY', null);
  if (raw === null) return false;
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 0, 10) || false;
  const entries = raw.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isAddressOrRange(entry));
  if (wrong !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a number of proxies from 0 to 10 or a list of addresses and CIDR ranges (or ${PROXY_RANGES.join(', ')}), got "${wrong}"`,
    );
  }
  return entries;
}

/** Hides the password of a URL so that it never reaches a log. */
export function redact(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

export function loadConfig(env: Env = process.env): AppConfig {
  const clockMode = str(env, 'CLOCK_MODE', 'system');
  if (clockMode !== 'system' && clockMode !== 'manual') {
    throw new ConfigError(`CLOCK_MODE must be "system" or "manual", got "${clockMode}"`);
  }
  const clockStartRaw = str(env, 'CLOCK_START', null);
  const clockStart = clockStartRaw === null ? null : new Date(clockStartRaw);
  if (clockStart && Number.isNaN(clockStart.getTime())) {
    throw new ConfigError(`CLOCK_START must be an ISO 8601 time, got "${clockStartRaw}"`);
  }
  const locale = str(env, 'DEFAULT_LOCALE', 'ru');
  if (locale !== 'kk' && locale !== 'ru' && locale !== 'en') {
    throw new ConfigError(`DEFAULT_LOCALE must be kk, ru or en, got "${locale}"`);
  }
  const adminEmail = str(env, 'ADMIN_EMAIL', null);
  const adminPassword = str(env, 'ADMIN_PASSWORD', null);
  if ((adminEmail === null) !== (adminPassword === null)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError(`ADMIN_EMAIL is not an e-mail address: "${adminEmail}"`);
  }
  if (adminPassword !== null && adminPassword.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD must have at least 10 characters');
  }
  const mailFrom = str(env, 'MAIL_FROM', 'talqylau <no-reply@talqylau.local>')!;
  if (!/@/.test(mailFrom)) throw new ConfigError(`MAIL_FROM must contain an e-mail address, got "${mailFrom}"`);
  const port = int(env, 'PORT', 3000, 0, 65535);
  return {
    port,
    host: str(env, 'HOST', '0.0.0.0')!,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], null),
    preparedStatements: bool(env, 'DB_PREPARED_STATEMENTS', true),
    dataDir: resolve(str(env, 'DATA_DIR', '.data')!),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:'], null),
    mailFrom,
    publicUrl: url(env, 'PUBLIC_URL', ['http:', 'https:'], `http://localhost:${port}`)!.replace(/\/+$/, ''),
    clockMode,
    clockStart,
    adminEmail,
    adminPassword,
    sessionSecret: str(env, 'SESSION_SECRET', null),
    demoData: bool(env, 'DEMO_DATA', false),
    defaultLocale: locale,
    stateLanguagesRequired: bool(env, 'STATE_LANGUAGES_REQUIRED', true),
    logLevel: str(env, 'LOG_LEVEL', 'info')!,
    sweepEnabled: bool(env, 'SWEEP_ENABLED', true),
    dispatcherEnabled: bool(env, 'DISPATCHER_ENABLED', true),
    outbox: {
      leaseSeconds: int(env, 'OUTBOX_LEASE_SECONDS', 120, 30, 86400),
      retryBaseSeconds: int(env, 'OUTBOX_RETRY_BASE_SECONDS', 10, 1, 3600),
      retryMaxSeconds: int(env, 'OUTBOX_RETRY_MAX_SECONDS', 3600, 1, 86400),
    },
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
    trustProxy: trustProxy(env),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 3600) * 1000,
    procedure: {
      stage1Days: int(env, 'STAGE1_DAYS', 20, 1, 365),
      stage1ExtendToWorkingDay: bool(env, 'STAGE1_EXTEND_TO_WORKING_DAY', true),
      answerDueWorkingDays: int(env, 'ANSWER_DUE_WORKING_DAYS', 15, 1, 365),
      hearingMaxDaysAfterClose: int(env, 'HEARING_MAX_DAYS_AFTER_CLOSE', 10, 1, 365),
      hearingDayStart: time(env, 'HEARING_DAY_START', '09:00'),
      hearingDayEnd: time(env, 'HEARING_DAY_END', '18:00'),
      protocolDueWorkingDays: int(env, 'PROTOCOL_DUE_WORKING_DAYS', 3, 1, 365),
      reviewWorkingDays: int(env, 'REVIEW_WORKING_DAYS', 10, 1, 365),
      recommendationResponseMonths: int(env, 'RECOMMENDATION_RESPONSE_MONTHS', 1, 1, 24),
      stage2WorkingDays: int(env, 'STAGE2_WORKING_DAYS', 5, 1, 365),
      stage2AnswerDueWorkingDays: int(env, 'STAGE2_ANSWER_DUE_WORKING_DAYS', 5, 1, 365),
      verdictWorkingDays: int(env, 'VERDICT_WORKING_DAYS', 10, 1, 365),
      commitmentVerdictWorkingDays: int(env, 'COMMITMENT_VERDICT_WORKING_DAYS', 5, 1, 365),
      appealWorkingDays: int(env, 'APPEAL_WORKING_DAYS', 5, 1, 365),
    },
    moderation: {
      remarksPerHour: int(env, 'REMARKS_PER_HOUR', 20, 1, 100000),
      reportsPerHour: int(env, 'REPORTS_PER_HOUR', 30, 1, 100000),
    },
    openData: openDataConfig(env),
  };
}

function openDataConfig(env: Env): OpenDataConfig {
  return {
    ocidPrefix: ocidPrefix(env),
    publicCacheSeconds: int(env, 'PUBLIC_CACHE_SECONDS', 60, 0, 86400),
    exportsPerHour: int(env, 'EXPORT_RATE_PER_HOUR', 30, 1, 1_000_000),
  };
}

/** OCDS_OCID_PREFIX: `ocds-` and six letters or digits as registered (plus an optional suffix such as `-sandbox`). */
function ocidPrefix(env: Env): string {
  const raw = str(env, 'OCDS_OCID_PREFIX', 'ocds-tlqylu-sandbox')!;
  if (!/^ocds-[a-z0-9]{6}(-[a-z0-9]+)*$/.test(raw)) {
    throw new ConfigError(
      `OCDS_OCID_PREFIX must look like ocds-abc123 (as registered with the Open Contracting Partnership), got "${raw}"`,
    );
  }
  return raw;
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
