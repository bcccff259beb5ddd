/**
 * The individuals' boards as a cache beside the database: a participant's score per race and per
 * round, top-N and one's own rank fast at a million entries. Scores only rise, so `raise` keeps
 * the higher of two writes and a late write from another instance cannot undo a newer one.
 * Both stores are rebuilt from the database at start-up.
 */
export interface ScoreStore {
  readonly kind: 'memory' | 'redis';
  raise(board: string, id: number, score: number): Promise<void>;
  /** Entries from `offset`, best first, with standard competition ranks. */
  top(board: string, offset: number, limit: number): Promise<Array<{ id: number; score: number; rank: number }>>;
  rankOf(board: string, id: number): Promise<{ rank: number; score: number } | null>;
  size(board: string): Promise<number>;
  /** Swaps a board's whole content for `entries` (a rebuild). */
  replace(board: string, entries: Array<{ id: number; score: number }>): Promise<void>;
  /** Raises many at once (a refill while answers keep coming: no raise meanwhile is undone). */
  raiseAll(board: string, entries: Array<{ id: number; score: number }>): Promise<void>;
}

/** Counts of scores per value in a Fenwick tree: how many score more than s, and the k-th best, in O(log max). */
class ScoreCounts {
  private tree = new Int32Array(1024);
  total = 0;

  add(score: number, delta: number): void {
    while (score + 1 >= this.tree.length) this.grow();
    this.total += delta;
    for (let i = score + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta;
  }

  /** How many have a score ≤ s. */
  atMost(score: number): number {
    let sum = 0;
    for (let i = Math.min(score + 1, this.tree.length - 1); i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  /** The smallest score s with atMost(s) ≥ k (k ≥ 1). */
  kth(k: number): number {
    let position = 0;
    let remaining = k;
    for (let step = this.tree.length >> 1; step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.tree.length && this.tree[next] < remaining) {
        position = next;
        remaining -= this.tree[next];
      }
    }
    return position; // tree index position+1 holds score `position`
  }

  private grow(): void {
    // A Fenwick tree over a power-of-two size grows by rebuilding from its point values.
    const old = this.tree;
    const values = new Int32Array(old.length);
    for (let i = 1; i < old.length; i++) values[i] = this.atMostIn(old, i - 1) - (i > 1 ? this.atMostIn(old, i - 2) : 0);
    this.tree = new Int32Array(old.length * 2);
    for (let i = 1; i < old.length; i++) if (values[i]) for (let j = i; j < this.tree.length; j += j & -j) this.tree[j] += values[i];
  }

  private atMostIn(tree: Int32Array, score: number): number {
    let sum = 0;
    for (let i = score + 1; i > 0; i -= i & -i) sum += tree[i];
    return sum;
  }
}

class MemoryBoard {
  readonly scores = new Map<number, number>();
  readonly counts = new ScoreCounts();
  /** Who has each score, in the order they reached it: ties show the earlier first. */
  readonly holders = new Map<number, Set<number>>();

  set(id: number, score: number): void {
    const old = this.scores.get(id);
    if (old !== undefined) {
      if (score <= old) return;
      this.counts.add(old, -1);
      const set = this.holders.get(old)!;
      set.delete(id);
      if (!set.size) this.holders.delete(old);
    }
    this.scores.set(id, score);
    this.counts.add(score, 1);
    let set = this.holders.get(score);
    if (!set) this.holders.set(score, (set = new Set()));
    set.add(id);
  }

  /** 1 + how many score more. */
  rankOfScore(score: number): number {
    return this.counts.total - this.counts.atMost(score) + 1;
  }
}

export class MemoryScoreStore implements ScoreStore {
  readonly kind = 'memory' as const;
  private readonly boards = new Map<string, MemoryBoard>();

  async raise(board: string, id: number, score: number): Promise<void> {
    this.board(board).set(id, Math.max(0, Math.floor(score)));
  }

  async top(name: string, offset: number, limit: number): Promise<Array<{ id: number; score: number; rank: number }>> {
    const board = this.boards.get(name);
    if (!board || offset >= board.counts.total) return [];
    const entries: Array<{ id: number; score: number; rank: number }> = [];
    // The score of the entry at `offset` (0-based from the best): the (total − offset)-th smallest.
    let score = board.counts.kth(board.counts.total - offset);
    let skip = offset - (board.rankOfScore(score) - 1);
    while (entries.length < limit) {
      const rank = board.rankOfScore(score);
      for (const id of board.holders.get(score) ?? []) {
        if (skip > 0) {
          skip--;
          continue;
        }
        entries.push({ id, score, rank });
        if (entries.length >= limit) break;
      }
      const below = board.counts.atMost(score - 1);
      if (below === 0 || score === 0) break;
      score = board.counts.kth(below);
    }
    return entries;
  }

  async rankOf(name: string, id: number): Promise<{ rank: number; score: number } | null> {
    const board = this.boards.get(name);
    const score = board?.scores.get(id);
    return board && score !== undefined ? { rank: board.rankOfScore(score), score } : null;
  }

  async size(name: string): Promise<number> {
    return this.boards.get(name)?.counts.total ?? 0;
  }

  async replace(name: string, entries: Array<{ id: number; score: number }>): Promise<void> {
    const board = new MemoryBoard();
    for (const { id, score } of entries) board.set(id, Math.max(0, Math.floor(score)));
    this.boards.set(name, board);
  }

  async raiseAll(name: string, entries: Array<{ id: number; score: number }>): Promise<void> {
    const board = this.board(name);
    for (const { id, score } of entries) board.set(id, Math.max(0, Math.floor(score)));
  }

  private board(name: string): MemoryBoard {
    let board = this.boards.get(name);
    if (!board) this.boards.set(name, (board = new MemoryBoard()));
    return board;
  }
}
