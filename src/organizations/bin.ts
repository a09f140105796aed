import { hasValidKzCheckDigit } from '../common/kz-check-digit';

/** A Kazakh BIN/IIN: 12 digits, the last a check digit (common/kz-check-digit.ts). */
export function isValidBin(bin: string): boolean {
  return hasValidKzCheckDigit(bin);
}
