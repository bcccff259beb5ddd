/** How reports count and round: plain functions shared by JSON, CSV and XLSX. */

/**
 * Participants ÷ headcount as a percentage with two decimals, rounded half up on the exact
 * fraction (2,751 of 2,896 → 94.99), the one rounding every report and export uses.
 */
export function ratePercent(participants: number, headcount: number): number {
  if (headcount <= 0) return 0;
  // Integer arithmetic: 10000·p/h is exact enough that x.5 boundaries do not drift.
  return Math.floor((participants * 20_000 + headcount) / (2 * headcount)) / 100;
}

/** A figure's change since the previous round; null when there is none to compare with. */
export function change(now: number, before: number | null): number | null {
  return before === null ? null : Math.round((now - before) * 100) / 100;
}

/** Two decimals, as averages and times are shown. */
export const roundTwo = (value: number) => Math.round(value * 100) / 100;

/** Rows read per query when an export walks a large table. */
export const EXPORT_PAGE = 2_000;
