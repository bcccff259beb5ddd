import argon2 from 'argon2';

// Organiser passwords: argon2id at OWASP's recommended cost (about 20 ms here).
const PASSWORD_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// PINs are 4–8 digits: no hash cost makes that space hard to search offline, so what protects
// them is the lockout after 5 wrong tries. A light argon2id keeps a 100,000-row roster import
// within seconds (about 0.1 ms a PIN here) while still never storing a PIN as it is.
const PIN_OPTIONS = { type: argon2.argon2id, memoryCost: 128, timeCost: 1, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, PASSWORD_OPTIONS);
export const hashPin = (pin: string): Promise<string> => argon2.hash(pin, PIN_OPTIONS);

export async function verifySecret(hash: string, secret: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, secret);
  } catch {
    return false;
  }
}

/** Hashes to verify against when the account does not exist, at the same cost as a real one, so timing does not tell. */
let decoyPassword: Promise<string> | null = null;
let decoyPin: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyPassword ??= hashPassword('decoy-password-for-unknown-accounts');
  return decoyPassword;
}
export function decoyPinHash(): Promise<string> {
  decoyPin ??= hashPin('00000000');
  return decoyPin;
}
