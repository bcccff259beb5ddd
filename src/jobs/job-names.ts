/** Every job the app knows. The app refuses to start while one of these has no handler. */
export const JobName = {
  Housekeeping: 'housekeeping.sweep',
  RoundOpen: 'round.open',
  RoundClose: 'round.close',
  RoundReveal: 'round.reveal',
  RoundSettle: 'round.settle',
} as const;

export type JobName = (typeof JobName)[keyof typeof JobName];

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);

/** The payload each job carries; kept to plain JSON so both drivers store it as is. */
export interface JobPayloads {
  'housekeeping.sweep': Record<string, never>;
  'round.open': { roundId: number };
  'round.close': { roundId: number };
  /**
   * A live round's question at `position` has run out: show its answer and counts. `deadline`: the
   * one it was queued for; after a host's "more time" the reveal of the new deadline shows it.
   */
  'round.reveal': { roundId: number; position: number; deadline?: number };
  /** A round that held its points until closing has closed: put them on the boards. */
  'round.settle': { roundId: number };
}
