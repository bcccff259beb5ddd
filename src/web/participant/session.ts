import { ApiError, isSessionEnded } from '../shared/api';

/**
 * Why the phone is back at sign-in: its session was ended by the server (a new PIN, the account
 * locked by the organisers, signed out everywhere), its token ran out, or the person signed out
 * everywhere from this phone.
 */
export type SignedOutWhy = 'ended' | 'expired' | 'everywhere';

/** The reason a refused call signs the phone out, or null when the token is still good. */
export function signedOutBy(error: unknown): SignedOutWhy | null {
  if (isSessionEnded(error)) return 'ended';
  return error instanceof ApiError && error.status === 401 ? 'expired' : null;
}
