/** Rules of the unit tree, on materialised paths of ids such as `/1/4/9/`. */

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** True when the unit at `path` is `ancestorPath` itself or lies beneath it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Moving a unit under one of its own descendants (or itself) would make a cycle. */
export function moveMakesCycle(unitPath: string, newParentPath: string): boolean {
  return isWithin(newParentPath, unitPath);
}

/**
 * Whether an organiser scoped at `scopePath` (null: district-wide) may change the headcount or the
 * parent of the unit at `unitPath`: only from strictly above it, so a unit's own organiser cannot
 * shrink the headcount their turnout is divided by, nor move their unit about.
 */
export function changesFromAbove(scopePath: string | null, unitPath: string): boolean {
  return scopePath === null || (unitPath !== scopePath && isWithin(unitPath, scopePath));
}

/**
 * Whether an organiser scoped at `scopePath` may put their people into the clan of the unit at
 * `clanUnitPath` (null: a district clan): a clan of their subtree, of a unit above them (the
 * commune their school lies in) or of the district; never a clan of a unit beside them.
 */
export function reachesClan(scopePath: string | null, clanUnitPath: string | null): boolean {
  return scopePath === null || clanUnitPath === null || isWithin(clanUnitPath, scopePath) || isWithin(scopePath, clanUnitPath);
}
