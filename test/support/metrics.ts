/** How many secrets of a kind an app has compared with their hash, from its /metrics text. */
export function checksIn(metrics: string, kind: 'pin' | 'password'): number {
  return Number(new RegExp(`ai_race_sign_in_checks_total\\{kind="${kind}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
}
