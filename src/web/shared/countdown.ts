import { useEffect, useState } from 'preact/hooks';

/** This device's clock, read again every `everyMs`: what the countdowns count against. */
export function useNow(everyMs = 250): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * When a question ends on this device's clock: the server's seconds left, counted from now. A phone
 * whose clock is wrong still counts down right, so the pages need no server clock offset.
 */
export const localDeadline = (secondsLeft: number): number => Date.now() + secondsLeft * 1000;

/** Milliseconds left until `endsAt` (this device's clock), never below zero, ticking every `everyMs`. */
export function useCountdown(endsAt: number, everyMs = 250): number {
  return Math.max(0, endsAt - useNow(everyMs));
}
