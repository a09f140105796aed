const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * A Kazakh BIN/IIN: 12 digits, the last a check digit. Weigh the first 11 digits by 1..11 modulo 11;
 * if that gives 10, weigh again by 3..11,1,2; a second 10 means the number is never issued.
 */
export function isValidBin(bin: string): boolean {
  if (!/^\d{12}$/.test(bin)) return false;
  const digits = [...bin].map(Number);
  const weigh = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11;
  let check = weigh(WEIGHTS_1);
  if (check === 10) check = weigh(WEIGHTS_2);
  return check < 10 && check === digits[11];
}
