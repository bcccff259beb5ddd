/** What the audit log keeps of a change, as plain functions. */

export type Fields = Record<string, unknown>;

/**
 * The fields that differ between `before` and `after`, each side keeping only those: an update
 * that changes a headcount records `{ headcount: 100 }` → `{ headcount: 1 }`, not the whole unit.
 * Fields absent from `after` were not part of the change. Null when nothing changed.
 */
export function changedFields(before: Fields, after: Fields): { before: Fields; after: Fields } | null {
  const was: Fields = {};
  const now: Fields = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined || sameValue(before[key], after[key])) continue;
    was[key] = before[key] ?? null;
    now[key] = after[key];
  }
  return Object.keys(now).length ? { before: was, after: now } : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A secret never goes into the log, only the fact that it changed. */
export const SECRET = '(đã đổi / changed)';
