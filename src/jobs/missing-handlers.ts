/** Job names that nobody handles; the app must not start while this is non-empty. */
export function missingHandlers(names: readonly string[], handled: Iterable<string>): string[] {
  const have = new Set(handled);
  return names.filter((name) => !have.has(name));
}
