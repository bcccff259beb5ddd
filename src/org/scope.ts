import { OrganiserPrincipal } from '../auth/principal';
import { Errors } from '../http/errors';
import { isWithin } from './unit-tree';

/** Whether an organiser may see and change the unit at `path`. */
export function manages(by: OrganiserPrincipal, path: string): boolean {
  return by.scopePath === null || isWithin(path, by.scopePath);
}

export function assertManages(by: OrganiserPrincipal, path: string): void {
  if (!manages(by, path)) throw Errors.outOfScope();
}

/** `LIKE` pattern for a path prefix; ids and slashes only, so nothing needs escaping. */
export function subtreePattern(path: string): string {
  return `${path}%`;
}

/** Escapes `%`, `_` and `\` in text a user typed, for `LIKE … ESCAPE '\'`. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
