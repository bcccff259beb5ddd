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
