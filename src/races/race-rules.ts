import { isWithin } from '../org/unit-tree';

/**
 * Who may run, see and play a race. A race belongs to a unit (its path, `/1/4/`) or to the
 * whole district (null); an organiser's scope is a unit path too, null for district-wide.
 */

/** Running a race (its rounds, launching, closing, the live screen) needs the whole race inside one's scope. */
export function runsRace(scopePath: string | null, racePath: string | null): boolean {
  return scopePath === null || (racePath !== null && isWithin(racePath, scopePath));
}

/**
 * Seeing a race also covers races that reach one's subtree from above: a school's organiser
 * follows the district's race for their own school (reports keep to their subtree).
 */
export function seesRace(scopePath: string | null, racePath: string | null): boolean {
  return runsRace(scopePath, racePath) || racePath === null || isWithin(scopePath!, racePath);
}

/**
 * A screen bound to a race reads that race alone; an unbound one the races its maker sees.
 * (A big screen in a public hall should show no more than the organiser who set it up chose.)
 */
export function screenReads(screen: { raceId: number | null; scopePath: string | null }, raceId: number, racePath: string | null): boolean {
  return (screen.raceId === null || screen.raceId === raceId) && seesRace(screen.scopePath, racePath);
}

/** Who may play: everyone for a district race, the race's subtree otherwise. */
export function playsIn(ownPath: string, racePath: string | null): boolean {
  return racePath === null || isWithin(ownPath, racePath);
}

/**
 * The subtree inside both of two (null: no limit): the deeper one when one holds the other;
 * `false` when they do not meet, so nothing is in both.
 */
export function innerSubtree(a: string | null, b: string | null): string | null | false {
  if (a === null) return b;
  if (b === null) return a;
  if (isWithin(a, b)) return a;
  if (isWithin(b, a)) return b;
  return false;
}
