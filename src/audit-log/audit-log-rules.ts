/** Which audit events a query asks for, as plain rules (the service turns them into SQL). */

/** Vietnam keeps UTC+7 all year: a date the organiser picks is a day in that time. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants `from` and `to` stand for: a date alone (`2025-06-01`) is that whole day in
 * Vietnam's time, so `to=2025-06-01` includes the evening of the 1st; an instant is itself.
 * `from` is inclusive, `to` exclusive. Null when absent.
 */
export function auditWindow(from?: string, to?: string): { from: number | null; to: number | null } {
  const start = (value: string) => (DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) - VIETNAM_OFFSET_MS : Date.parse(value));
  return {
    from: from === undefined ? null : start(from),
    to: to === undefined ? null : DATE_ONLY.test(to) ? start(to) + DAY_MS : Date.parse(to) + 1,
  };
}

/** `unit.` asks for every action beginning so; anything else names one action. */
export function isActionPrefix(action: string): boolean {
  return action.endsWith('.');
}

/** Escapes `_` (and `%`, `\`) so a prefix such as `screen_token.` matches itself only, for `LIKE … ESCAPE '\'`. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The unit paths a reader may ask about: their own subtree (null: everything, district-wide
 * events included), narrowed to `unitPath` when they name a unit. False when the unit lies
 * outside their subtree.
 */
export function readablePath(scopePath: string | null, unitPath?: string): string | null | false {
  if (unitPath === undefined) return scopePath;
  if (scopePath !== null && !unitPath.startsWith(scopePath)) return false;
  return unitPath;
}

/** `2025-06-01 14:03:05`: an instant as a clock in Vietnam reads it, for spreadsheets. */
export function vietnamClock(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}
