// Races and rounds as the API shows them (GET /races, /races/:id, /rounds/:id, round actions).

export type RoundStatus = 'draft' | 'scheduled' | 'open' | 'closed';
export type RoundMode = 'window' | 'live';
export type RevealPolicy = 'immediately' | 'after_close';

export interface RoundView {
  id: number;
  raceId: number;
  name: string;
  status: RoundStatus;
  mode: RoundMode;
  opensAt: string | null;
  closesAt: string | null;
  secondsPerQuestion: number;
  speedBonus: boolean;
  streakBonus: boolean;
  revealAnswers: RevealPolicy;
  questionCount: number;
  draw: { count: number; topic: string | null } | null;
}

export interface RaceView {
  id: number;
  name: string;
  /** The unit whose subtree plays the race; null for the whole district. */
  unitId: number | null;
  unitName: string | null;
  /** Whether the caller may add rounds, launch and close them (false for screens). */
  manageable: boolean;
  startsAt: string | null;
  endsAt: string | null;
  rounds: RoundView[];
}
