/**
 * Luhn's check digit (mod 10) over a string of digits, weights 2, 1, 2, … from the left: the last
 * digit of a personal identity number (Skatteverket SKV 704) and of an organisation number
 * (SKV 709), both over the nine digits before it.
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
