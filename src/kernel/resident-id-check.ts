/**
 * Check character of the 18-digit resident identity number, GB 11643-1999 (ISO 7064 MOD 11-2):
 * S = Σ a_i·W_i over the first 17 digits; S mod 11 = 0..10 maps to `1 0 X 9 8 7 6 5 4 3 2`.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";

/** `first17` must be 17 ASCII digits; anything else is a programming error, hence the throw. */
export function computeCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error("computeCheckCharacter needs exactly 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}
