import { OrganiserPrincipal } from '../access/principal';
import { Errors } from '../http/errors';
import { changesFromAbove, isWithin, reachesClan } from './unit-tree';

/** Whether an organiser may see and change the unit at `path`. */
export function manages(by: OrganiserPrincipal, path: string): boolean {
  return by.scopePath === null || isWithin(path, by.scopePath);
}

export function assertManages(by: OrganiserPrincipal, path: string): void {
  if (!manages(by, path)) throw Errors.outOfScope();
}

export const fromAboveOnly = (unitName: string) => Errors.of('HEADCOUNT_FROM_ABOVE', unitName);

/** The headcount or parent of a unit changes only from above it; see changesFromAbove. */
export function assertFromAbove(by: OrganiserPrincipal, unit: { path: string; name: string }): void {
  if (!manages(by, unit.path)) throw Errors.outOfScope();
  if (!changesFromAbove(by.scopePath, unit.path)) throw fromAboveOnly(unit.name);
}

/** A clan the organiser may put their people into (the clan's unit path; null: a district clan). */
export function assertReachesClan(by: OrganiserPrincipal, clanUnitPath: string | null): void {
  if (!reachesClan(by.scopePath, clanUnitPath)) throw Errors.outOfScope();
}

/** `LIKE` pattern for a path prefix; ids and slashes only, so nothing needs escaping. */
export function subtreePattern(path: string): string {
  return `${path}%`;
}

/** Escapes `%`, `_` and `\` in text a user typed, for `LIKE … ESCAPE '\'`. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
