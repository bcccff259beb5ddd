// The soak's settings, read once from the environment (documented at the top of soak.ts), and its fixed timings.
export const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
export const SOCKETS = Number(process.env.SOAK_SOCKETS ?? 10_000);
export const ROSTER = Number(process.env.SOAK_ROSTER ?? 100_000);
export const SCREENS = Number(process.env.SOAK_SCREENS ?? 20);
export const REPLACE = Number(process.env.SOAK_REPLACE ?? 0.1);
export const ANSWER_SHARE = Number(process.env.SOAK_ANSWER_SHARE ?? 0.5);

export const MINUTE_MS = 60_000;
export const SAMPLE_MS = 10_000;
export const TARGET_DRIFT = 0.05;
// Answers land within 20 s of the question, well inside its 30 s, so every one is in time and
// all are settled before the next minute's churn closes any socket.
export const SECONDS_PER_QUESTION = 30;
export const SPREAD_MS = 20_000;
export const ACK_TIMEOUT_MS = 30_000;
// Connecting is the heaviest thing the client does; 200 at a time, as live-answers does.
export const CONNECT_BATCH = 200;
export const CONNECT_TRIES = 3;
// A few sockets that cannot get back in within their tries are noise; more means the server is not keeping up.
export const MIN_CONNECTED_SHARE = 0.99;

/** A typo in an environment variable should stop the run now, not after half an hour of NaN. */
export function checkSettings(): void {
  const settings = {
    SOAK_MINUTES: MINUTES,
    SOAK_SOCKETS: SOCKETS,
    SOAK_ROSTER: ROSTER,
    SOAK_SCREENS: SCREENS,
    SOAK_REPLACE: REPLACE,
    SOAK_ANSWER_SHARE: ANSWER_SHARE,
  };
  for (const [name, value] of Object.entries(settings))
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not ${String(value)}`);
  if (REPLACE > 1 || ANSWER_SHARE > 1) throw new Error('SOAK_REPLACE and SOAK_ANSWER_SHARE are shares between 0 and 1');
  if (!Number.isInteger(MINUTES) || !Number.isInteger(SOCKETS) || !Number.isInteger(SCREENS) || !Number.isInteger(ROSTER)) {
    throw new Error('SOAK_MINUTES, SOAK_SOCKETS, SOAK_SCREENS and SOAK_ROSTER are whole numbers');
  }
  if (ROSTER < SOCKETS) throw new Error('SOAK_ROSTER must be at least SOAK_SOCKETS: each socket is a participant of the roster');
}
