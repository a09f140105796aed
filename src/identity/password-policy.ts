import { hash, verify, argon2id } from 'argon2';
import { AppError } from '../common/errors/app-error';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Passwords of 10+ characters that appear at the top of every leaked-password list. */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '0987654321',
  '12345678910',
  '123456789012',
  '1111111111',
  '0000000000',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5',
  'zaq12wsxcde',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'iloveyou123',
  'abcdefghij',
  'abc1234567',
  'asdfghjkl1',
  'asdfghjkl;',
  'letmein123',
  'welcome123',
  'admin12345',
  'administrator',
  'qazwsxedcrfv',
  '1qaz2wsx3edc',
  'princess12',
  'football12',
  'baseball12',
  'sunshine12',
  'trustno1234',
  'йцукенгшщз',
  'пароль1234',
  'parol12345',
  'talqylau123',
  'talqylau2027',
]);

/** Checks the length (10..128) and rejects common or trivially guessable passwords: WEAK_PASSWORD. */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) throw new AppError('WEAK_PASSWORD');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) throw new AppError('WEAK_PASSWORD');
  if (new Set(lower).size < 4) throw new AppError('WEAK_PASSWORD');
  if (/^(password|passw0rd|qwerty|qwertyuiop|admin|letmein|welcome|iloveyou|123456789?)[\d!.@#]*$/.test(lower)) {
    throw new AppError('WEAK_PASSWORD');
  }
  if (isSequence(lower)) throw new AppError('WEAK_PASSWORD');
}

/** "abcdefghij", "9876543210": every character one step from the last. */
function isSequence(value: string): boolean {
  const codes = [...value].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  if (Math.abs(step) !== 1) return false;
  return codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password; with no stored hash (unknown e-mail) it still runs argon2 against a dummy
 * hash so that both cases take about the same time.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  // Very long inputs never match (registration refuses them); verify a bounded prefix to keep timing even.
  const candidate = password.length > PASSWORD_MAX * 4 ? password.slice(0, PASSWORD_MAX * 4) : password;
  if (!storedHash) {
    dummyHash ??= hashPassword('dummy-password-for-timing-equalization');
    await verify(await dummyHash, candidate).catch(() => false);
    return false;
  }
  try {
    const ok = await verify(storedHash, candidate);
    return ok && candidate === password;
  } catch {
    return false;
  }
}
