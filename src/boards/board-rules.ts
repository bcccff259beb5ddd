import type { BoardName, ClanEntry, GroupEntry, Move, UnitSort } from '../contract/boards';
import { competitionRanks } from '../scoring/ranking';

/** How boards are computed from totals: plain functions, the same for HTTP, sockets and reports. */

export const BOARDS = ['individuals', 'units', 'categories', 'schools', 'clans'] as const satisfies readonly BoardName[];

export const UNIT_SORTS = ['participation', 'perHead', 'average', 'total'] as const satisfies readonly UnitSort[];

/** A unit or category's totals: who answered, how many are on the roll, points. */
export interface GroupTally {
  id: number | string;
  name: string;
  participants: number;
  headcount: number;
  totalScore: number;
  /**
   * Of a rollup: the participants its rate counts, each unit's at most its headcount, and whether
   * some unit had more players than headcount. A unit's own are worked out from the two above.
   */
  counted?: number;
  headcountOutdated?: boolean;
}

/**
 * A unit's turnout as ranked and reported: the participants counted are at most the headcount,
 * so the rate never passes 100% (a unit cannot lead a ranking by shrinking its headcount); more
 * players than that means the headcount is out of date, which organisers are shown.
 */
export function turnout(participants: number, headcount: number): { counted: number; rate: number; headcountOutdated: boolean } {
  const counted = Math.min(participants, Math.max(0, headcount));
  return { counted, rate: headcount > 0 ? counted / headcount : 0, headcountOutdated: participants > headcount };
}

/** A group's turnout: a rollup's own sums (each unit capped), or a unit's from its two figures. */
function groupTurnout(tally: GroupTally): ReturnType<typeof turnout> {
  if (tally.counted === undefined) return turnout(tally.participants, tally.headcount);
  const { counted, rate } = turnout(tally.counted, tally.headcount);
  return { counted, rate, headcountOutdated: Boolean(tally.headcountOutdated) || tally.participants > tally.headcount };
}

export interface ClanTally {
  id: number;
  name: string;
  participants: number;
  totalScore: number;
}

export interface Ranked {
  id: number | string;
  rank: number;
}

const KEYS: Record<UnitSort, Array<(entry: GroupEntry) => number>> = {
  participation: [(e) => e.participationRate, (e) => e.averageScore],
  perHead: [(e) => e.perHeadScore],
  average: [(e) => e.averageScore],
  total: [(e) => e.totalScore],
};

/** Unit-like boards: rates and averages from the totals, best first by `sort`, competition ranks. */
export function rankGroups(tallies: GroupTally[], sort: UnitSort): GroupEntry[] {
  const entries = tallies.map((tally): GroupEntry => {
    const { rate, headcountOutdated } = groupTurnout(tally);
    // A rollup's inner sums are how its rate was found, not figures of the board.
    const { counted: _counted, headcountOutdated: _outdated, ...figures } = tally;
    return {
      ...figures,
      rank: 0,
      score: tally.totalScore,
      participationRate: rate,
      averageScore: tally.participants > 0 ? tally.totalScore / tally.participants : 0,
      perHeadScore: tally.headcount > 0 ? tally.totalScore / tally.headcount : 0,
      ...(headcountOutdated ? { headcountOutdated: true as const } : {}),
    };
  });
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

/** Categories and the district add up participants and headcounts (their rate the capped counts); a rate is never averaged. */
export function rollUp<T extends GroupTally>(units: T[], keyOf: (unit: T) => string, nameOf: (key: string) => string): GroupTally[] {
  const sums = new Map<string, GroupTally>();
  for (const unit of units) {
    const key = keyOf(unit);
    const sum = sums.get(key) ?? { id: key, name: nameOf(key), participants: 0, headcount: 0, totalScore: 0, counted: 0, headcountOutdated: false };
    const own = groupTurnout(unit);
    sum.participants += unit.participants;
    sum.headcount += unit.headcount;
    sum.totalScore += unit.totalScore;
    // One unit's extra players do not make up for another's missing ones.
    sum.counted! += own.counted;
    sum.headcountOutdated ||= own.headcountOutdated;
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
