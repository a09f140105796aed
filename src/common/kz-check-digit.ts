const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * The check digit of a Kazakh IIN or BIN from its first 11 digits: weigh them by 1..11 modulo 11; if
 * that gives 10, weigh again by 3..11,1,2. Null when the second weighing gives 10 too: such a number is
 * never issued.
 */
export function kzCheckDigit(first11: readonly number[]): number | null {
  const weigh = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * first11[i], 0) % 11;
  let check = weigh(WEIGHTS_1);
  if (check === 10) check = weigh(WEIGHTS_2);
  return check < 10 ? check : null;
}

/** 12 digits whose last is the check digit of the first 11 (IIN and BIN alike). */
export function hasValidKzCheckDigit(number: string): boolean {
  if (!/^\d{12}$/.test(number)) return false;
  const digits = [...number].map(Number);
  return kzCheckDigit(digits.slice(0, 11)) === digits[11];
}
