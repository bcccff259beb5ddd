import { competitionRanks, participationRate } from '../scoring/ranking';

/** How boards are computed from totals: plain functions, the same for HTTP, sockets and reports. */

export const BOARDS = ['individuals', 'units', 'categories', 'schools', 'clans'] as const;
export type BoardName = (typeof BOARDS)[number];

export const UNIT_SORTS = ['participation', 'perHead', 'average', 'total'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

/** A unit or category's totals: who answered, how many are on the roll, points. */
export interface GroupTally {
  id: number | string;
  name: string;
  participants: number;
  headcount: number;
  totalScore: number;
}

export interface GroupEntry extends GroupTally {
  rank: number;
  score: number;
  participationRate: number;
  averageScore: number;
  perHeadScore: number;
}

export interface ClanTally {
  id: number;
  name: string;
  participants: number;
  totalScore: number;
}

export interface ClanEntry extends ClanTally {
  rank: number;
  score: number;
}

export interface Ranked {
  id: number | string;
  rank: number;
}

export interface Move {
  id: number | string;
  /** Null: new on the board. */
  from: number | null;
  /** Null: dropped off the part of the board shown. */
  to: number | null;
}

const KEYS: Record<UnitSort, Array<(entry: GroupEntry) => number>> = {
  participation: [(e) => e.participationRate, (e) => e.averageScore],
  perHead: [(e) => e.perHeadScore],
  average: [(e) => e.averageScore],
  total: [(e) => e.totalScore],
};

/** Unit-like boards: rates and averages from the totals, best first by `sort`, competition ranks. */
export function rankGroups(tallies: GroupTally[], sort: UnitSort): GroupEntry[] {
  const entries = tallies.map((tally) => ({
    ...tally,
    rank: 0,
    score: tally.totalScore,
    participationRate: participationRate(tally.participants, tally.headcount),
    averageScore: tally.participants > 0 ? tally.totalScore / tally.participants : 0,
    perHeadScore: tally.headcount > 0 ? tally.totalScore / tally.headcount : 0,
  }));
  const keys = KEYS[sort];
  const compare = (a: GroupEntry, b: GroupEntry) => {
    for (const key of keys) if (key(a) !== key(b)) return key(b) - key(a);
    return 0;
  };
  // Ties keep a stable, readable order: by name.
  entries.sort((a, b) => compare(a, b) || a.name.localeCompare(b.name, 'vi'));
  competitionRanks(entries, (a, b) => compare(a, b) === 0).forEach((rank, i) => (entries[i].rank = rank));
  return entries;
}

/** Categories and the district add up participants and headcounts; a rate is never averaged. */
export function rollUp<T extends GroupTally>(units: T[], keyOf: (unit: T) => string, nameOf: (key: string) => string): GroupTally[] {
  const sums = new Map<string, GroupTally>();
  for (const unit of units) {
    const key = keyOf(unit);
    const sum = sums.get(key) ?? { id: key, name: nameOf(key), participants: 0, headcount: 0, totalScore: 0 };
    sum.participants += unit.participants;
    sum.headcount += unit.headcount;
    sum.totalScore += unit.totalScore;
    sums.set(key, sum);
  }
  return [...sums.values()];
}

/** Clans: participants first (turnout is the point), then total score. */
export function rankClans(tallies: ClanTally[]): ClanEntry[] {
  const entries = tallies.map((tally) => ({ ...tally, rank: 0, score: tally.totalScore }));
  const compare = (a: ClanEntry, b: ClanEntry) => b.participants - a.participants || b.totalScore - a.totalScore;
  entries.sort((a, b) => compare(a, b) || a.name.localeCompare(b.name, 'vi'));
  competitionRanks(entries, (a, b) => compare(a, b) === 0).forEach((rank, i) => (entries[i].rank = rank));
  return entries;
}

/** What changed place between two views of the top of a board: the screen animates these. */
export function boardMoves(before: Ranked[], after: Ranked[]): Move[] {
  const was = new Map(before.map((entry) => [entry.id, entry.rank]));
  const now = new Map(after.map((entry) => [entry.id, entry.rank]));
  const moves: Move[] = [];
  for (const entry of after) {
    const from = was.get(entry.id) ?? null;
    if (from !== entry.rank) moves.push({ id: entry.id, from, to: entry.rank });
  }
  for (const entry of before) if (!now.has(entry.id)) moves.push({ id: entry.id, from: entry.rank, to: null });
  return moves;
}
