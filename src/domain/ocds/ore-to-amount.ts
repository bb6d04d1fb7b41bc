/**
 * Converts integer öre to the decimal kronor amount OCDS wants (`value.amount` is in major units).
 * Built from the decimal text, not by floating-point division, so the number is the double nearest
 * to the exact amount and prints back as exactly that decimal: 1 234 567 öre → 12345.67. Exact for
 * every amount below 10^15 öre (10 000 billion kronor); register values are far below that.
 * A non-integer or unsafe value is a bug upstream, hence the exception.
 */
export function oreToAmount(ore: number): number {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Not a whole number of öre: ${ore}`);
  const sign = ore < 0 ? '-' : '';
  const digits = String(Math.abs(ore)).padStart(3, '0');
  return Number(`${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`);
}
