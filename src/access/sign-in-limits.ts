import Redis from 'ioredis';
import { IRateLimiterOptions, RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ADDRESS_CEILING, ADDRESS_WINDOW_MS, FAILURE_WINDOW_MS, LOCK_MEMORY_MS, MAX_FAILED_SIGN_INS, SLOWED_PACE_MS, lockDuration } from './sign-in-rules';

/** Who is trying to sign in: the account whose failures lock it, and the address and name the try came with. */

/** The limits' account key: a participant's staff code locks wherever the guesses come from. */
export const participantAccount = (staffCode: string) => `p:${staffCode}`;
export interface SignInTry {
  /** What locks: a staff code (participants), or a username at one address (organisers). */
  account: string;
  /** The staff code or username as given, known or not. */
  name: string;
  address: string;
}

/** A try that may go on to compare its secret, and what to do with the answer. */
export interface ReservedTry {
  /** The right secret: the account's failures are forgotten. */
  succeeded(): Promise<void>;
  /** A wrong one: counted already; returns when the account is locked until, if this locked it. */
  failed(): Promise<number | null>;
}

export type Refusal = { reason: 'locked'; until: number } | { reason: 'slowed'; retryAfterMs: number };

export class SignInRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

const NEVER_REFUSES = Number.MAX_SAFE_INTEGER;
const seconds = (ms: number) => Math.ceil(ms / 1000);

type Store = (options: IRateLimiterOptions & { keyPrefix: string }) => RateLimiterAbstract;

/**
 * The counters that stand between a guesser and a PIN. Each try is counted before its secret is
 * compared (one atomic increment in memory or in Redis), so guesses sent in parallel count one
 * each, on every instance. The account's count locks it; the address's count only slows it.
 */
export class SignInLimits {
  /** Failures of an account in the window; past `MAX_FAILED_SIGN_INS` it is refused uncompared. */
  private readonly accounts: RateLimiterAbstract;
  /** How often an account was locked in the last day: each lock lasts longer. */
  private readonly lockouts: RateLimiterAbstract;
  /** Tries per (address, name): the first of a name from an address is what the address counts. */
  private readonly pairs: RateLimiterAbstract;
  /** Names that failed from an address in the window. */
  private readonly addresses: RateLimiterAbstract;
  /** Past the address's ceiling: one try per pace. */
  private readonly pace: RateLimiterAbstract;

  constructor(store: Store) {
    this.accounts = store({ keyPrefix: 'signin-account', points: MAX_FAILED_SIGN_INS, duration: seconds(FAILURE_WINDOW_MS) });
    this.lockouts = store({ keyPrefix: 'signin-lockouts', points: NEVER_REFUSES, duration: seconds(LOCK_MEMORY_MS) });
    this.pairs = store({ keyPrefix: 'signin-pair', points: NEVER_REFUSES, duration: seconds(ADDRESS_WINDOW_MS) });
    this.addresses = store({ keyPrefix: 'signin-address', points: NEVER_REFUSES, duration: seconds(ADDRESS_WINDOW_MS) });
    this.pace = store({ keyPrefix: 'signin-pace', points: 1, duration: seconds(SLOWED_PACE_MS) });
  }

  static inMemory(): SignInLimits {
    return new SignInLimits((options) => new RateLimiterMemory(options));
  }

  /** Shared by every instance; if Redis stops answering, each instance counts in its memory meanwhile. */
  static inRedis(redis: Redis, prefix: string): SignInLimits {
    return new SignInLimits(
      (options) =>
        new RateLimiterRedis({
          ...options,
          keyPrefix: `${prefix}:${options.keyPrefix}`,
          storeClient: redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        }),
    );
  }

  /** Counts the try, or refuses it (`SignInRefused`) without its secret ever being compared. */
  async reserve(attempt: SignInTry): Promise<ReservedTry> {
    const pairKey = `${attempt.address}|${attempt.name}`;
    // One round trip for both: a refused try's pair count only means its name was seen from there.
    const [counted, pair] = await Promise.all([
      refusedAs(this.accounts.consume(attempt.account), (res) => ({ reason: 'locked', until: Date.now() + res.msBeforeNext })),
      this.pairs.consume(pairKey),
    ]);
    const countsForAddress = pair.consumedPoints === 1;
    const address = countsForAddress ? await this.addresses.consume(attempt.address) : await this.addresses.get(attempt.address);
    if ((address?.consumedPoints ?? 0) > ADDRESS_CEILING) {
      try {
        await refusedAs(this.pace.consume(attempt.address), (res) => ({ reason: 'slowed', retryAfterMs: res.msBeforeNext }));
      } catch (error) {
        // Not compared, so not a failure of the account's.
        await this.accounts.reward(attempt.account, 1);
        throw error;
      }
    }
    return {
      // The pair's count stays: the name was seen from this address, and a later failure of it there adds nothing more.
      succeeded: async () => {
        await Promise.all([this.accounts.delete(attempt.account), countsForAddress ? this.addresses.reward(attempt.address, 1) : null]);
      },
      failed: async () => {
        if (counted.consumedPoints < MAX_FAILED_SIGN_INS) return null;
        const lockouts = await this.lockouts.consume(attempt.account);
        const ms = lockDuration(lockouts.consumedPoints);
        await this.accounts.block(attempt.account, seconds(ms));
        return Date.now() + ms;
      },
    };
  }

  /** When the account's lock ends, if it is locked now. */
  async lockedUntil(account: string): Promise<number | null> {
    const res = await this.accounts.get(account);
    return res && res.consumedPoints > MAX_FAILED_SIGN_INS ? Date.now() + res.msBeforeNext : null;
  }

  /** A new PIN or password: the lock and the failures before it are lifted. */
  async forget(account: string): Promise<void> {
    await Promise.all([this.accounts.delete(account), this.lockouts.delete(account)]);
  }
}

/** rate-limiter-flexible rejects a refused count with its result, and a store failure with an Error. */
async function refusedAs(counting: Promise<RateLimiterRes>, refusal: (res: RateLimiterRes) => Refusal): Promise<RateLimiterRes> {
  try {
    return await counting;
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new SignInRefused(refusal(error));
    throw error;
  }
}
