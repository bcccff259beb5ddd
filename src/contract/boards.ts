// Leaderboards as GET /boards/:board and the `board:subscribe` / `board:update` socket events send them.

export type BoardName = 'individuals' | 'units' | 'schools' | 'categories' | 'clans';
export type UnitSort = 'participation' | 'perHead' | 'average' | 'total';

export interface IndividualEntry {
  rank: number;
  id: number;
  name: string;
  score: number;
  unitId: number;
  unitName: string;
  clanId: number | null;
  clanName: string | null;
}

/** A unit, a school or a category of units. */
export interface GroupEntry {
  id: number | string;
  name: string;
  rank: number;
  score: number;
  participants: number;
  headcount: number;
  totalScore: number;
  counted?: number;
  /** At most 1: the participants counted are at most the headcount. */
  participationRate: number;
  averageScore: number;
  perHeadScore: number;
  /** A unit's or school's category code (the units and schools boards; a screen can group or colour by it). */
  category?: string;
  /** More players than headcount: the headcount is out of date (organisers are told; public readers are not). */
  headcountOutdated?: true;
}

export interface ClanEntry {
  id: number;
  name: string;
  rank: number;
  score: number;
  participants: number;
  totalScore: number;
}

export type BoardEntry = IndividualEntry | GroupEntry | ClanEntry;

export interface BoardReply {
  board: BoardName;
  raceId: number;
  roundId: number | null;
  updatedAt: string;
  total: number;
  entries: BoardEntry[];
  /** The scores leave out a round that is open and keeps its answers secret until it closes. */
  scoresHeld?: true;
}

/** GET /leaderboards/individuals/me: the board's top and the caller's own entry (null: not on it yet). */
export interface BoardAroundMe extends BoardReply {
  me: IndividualEntry | null;
}

/** How an entry moved between two updates of a board. */
export interface Move {
  id: number | string;
  /** Null: new on the board. */
  from: number | null;
  /** Null: dropped off the part of the board shown. */
  to: number | null;
}

/** `board:update`: the board's top again, numbered, with who moved. */
export interface BoardUpdate extends BoardReply {
  seq: number;
  moves: Move[];
}
