import fc from 'fast-check';
import { GroupTally, boardMoves, rankClans, rankGroups, rollUp, turnout } from './board-rules';

const tally = fc.record({
  id: fc.integer({ min: 1, max: 1_000_000 }),
  name: fc.string({ maxLength: 6 }),
  participants: fc.nat(200),
  headcount: fc.nat(200),
  totalScore: fc.nat(100_000),
});

describe('unit boards', () => {
  it('ranks by turnout, then average score, as the article does', () => {
    const board = rankGroups(
      [
        { id: 1, name: 'Xã Hạ Mỗ', participants: 397, headcount: 474, totalScore: 397_000 },
        { id: 2, name: 'Trường TH Hạ Mỗ', participants: 50, headcount: 50, totalScore: 30_000 },
        { id: 3, name: 'Trường MN Hạ Mỗ', participants: 40, headcount: 40, totalScore: 30_000 },
        { id: 4, name: 'Văn phòng', participants: 0, headcount: 12, totalScore: 0 },
      ],
      'participation',
    );
    expect(board.map((e) => [e.id, e.rank])).toEqual([
      [3, 1],
      [2, 2],
      [1, 3],
      [4, 4],
    ]);
    expect((board[2].participationRate * 100).toFixed(2)).toBe('83.76');
    expect(board[0].averageScore).toBe(750);
    expect(board[3]).toMatchObject({ participationRate: 0, averageScore: 0, perHeadScore: 0 });
  });

  it('gives equal keys equal ranks and never ranks a worse entry above a better one', () => {
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 30 }), fc.constantFrom('participation', 'perHead', 'average', 'total' as const), (tallies, sort) => {
        const board = rankGroups(tallies, sort);
        const key = (e: (typeof board)[number]) =>
          sort === 'participation'
            ? [e.participationRate, e.averageScore]
            : sort === 'perHead'
              ? [e.perHeadScore]
              : sort === 'average'
                ? [e.averageScore]
                : [e.totalScore];
        board.forEach((entry, i) => {
          expect(entry.rank).toBeLessThanOrEqual(i + 1);
          if (i > 0) {
            const [a, b] = [key(board[i - 1]), key(entry)];
            const same = a.every((v, k) => v === b[k]);
            expect(entry.rank === board[i - 1].rank).toBe(same);
            if (!same) expect(entry.rank).toBe(i + 1);
          }
        });
      }),
    );
  });

  it('rolls categories up by summing participants and headcounts, not averaging rates', () => {
    const units: Array<GroupTally & { category: string }> = [
      { id: 1, name: 'a', participants: 1, headcount: 1, totalScore: 10, category: 'school' },
      { id: 2, name: 'b', participants: 0, headcount: 99, totalScore: 0, category: 'school' },
      { id: 3, name: 'c', participants: 5, headcount: 10, totalScore: 50, category: 'commune' },
    ];
    const categories = rankGroups(
      rollUp(
        units,
        (u) => u.category,
        (k) => k,
      ),
      'participation',
    );
    expect(categories.find((c) => c.id === 'school')).toMatchObject({ participants: 1, headcount: 100, participationRate: 0.01 });
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 30 }), (tallies) => {
        const [district] = rollUp(
          tallies,
          () => 'all',
          () => 'Huyện',
        );
        const sum = (f: (t: GroupTally) => number) => tallies.reduce((s, t) => s + f(t), 0);
        if (!tallies.length) return expect(district).toBeUndefined();
        expect(district).toMatchObject({ participants: sum((t) => t.participants), headcount: sum((t) => t.headcount), totalScore: sum((t) => t.totalScore) });
      }),
    );
  });
});

describe('turnout cap', () => {
  it('never counts more participants than the headcount, and says when there were more', () => {
    expect(turnout(200, 1)).toEqual({ counted: 1, rate: 1, headcountOutdated: true });
    expect(turnout(100, 100)).toEqual({ counted: 100, rate: 1, headcountOutdated: false });
    expect(turnout(2751, 2896)).toMatchObject({ counted: 2751, headcountOutdated: false });
    expect(turnout(3, 0)).toEqual({ counted: 0, rate: 0, headcountOutdated: true });
    expect(turnout(0, 0)).toEqual({ counted: 0, rate: 0, headcountOutdated: false });
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (participants, headcount) => {
        const { counted, rate, headcountOutdated } = turnout(participants, headcount);
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
        expect(counted).toBe(Math.min(participants, headcount));
        expect(headcountOutdated).toBe(participants > headcount);
      }),
    );
  });

  it('ranks a unit that shrank its headcount no higher than a full one, and flags it', () => {
    const board = rankGroups(
      [
        { id: 1, name: 'Trường A', participants: 200, headcount: 1, totalScore: 100_000 },
        { id: 2, name: 'Trường B', participants: 100, headcount: 100, totalScore: 80_000 },
        { id: 3, name: 'Trường C', participants: 90, headcount: 100, totalScore: 90_000 },
      ],
      'participation',
    );
    expect(board.map((e) => [e.id, e.rank, e.participationRate])).toEqual([
      [2, 1, 1],
      [1, 2, 1],
      [3, 3, 0.9],
    ]);
    expect(board.find((e) => e.id === 1)).toMatchObject({ participants: 200, headcount: 1, headcountOutdated: true });
    expect(board.find((e) => e.id === 2)).not.toHaveProperty('headcountOutdated');
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 30 }), (tallies) => {
        for (const entry of rankGroups(tallies, 'participation')) expect(entry.participationRate).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('rolls up capped counts: one unit’s extra players do not make up for another’s missing ones', () => {
    const [category] = rankGroups(
      rollUp(
        [
          { id: 1, name: 'a', participants: 50, headcount: 10, totalScore: 0 },
          { id: 2, name: 'b', participants: 0, headcount: 40, totalScore: 0 },
        ],
        () => 'school',
        (k) => k,
      ),
      'participation',
    );
    expect(category).toMatchObject({ participants: 50, headcount: 50, participationRate: 0.2, headcountOutdated: true });
    expect(category).not.toHaveProperty('counted');
  });
});

describe('clan boards', () => {
  it('ranks by participants, then total score', () => {
    const board = rankClans([
      { id: 1, name: 'Họ Nguyễn', participants: 80, totalScore: 90_000 },
      { id: 2, name: 'Họ Lê Hữu', participants: 212, totalScore: 100_000 },
      { id: 3, name: 'Họ Trần', participants: 80, totalScore: 95_000 },
    ]);
    expect(board.map((e) => [e.id, e.rank])).toEqual([
      [2, 1],
      [3, 2],
      [1, 3],
    ]);
  });
});

describe('moves', () => {
  it('lists exactly the entries whose place changed, came or went', () => {
    expect(
      boardMoves(
        [
          { id: 1, rank: 1 },
          { id: 2, rank: 2 },
          { id: 3, rank: 3 },
        ],
        [
          { id: 2, rank: 1 },
          { id: 1, rank: 2 },
          { id: 4, rank: 3 },
        ],
      ),
    ).toEqual([
      { id: 2, from: 2, to: 1 },
      { id: 1, from: 1, to: 2 },
      { id: 4, from: null, to: 3 },
      { id: 3, from: 3, to: null },
    ]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(20), { maxLength: 10 }), fc.uniqueArray(fc.nat(20), { maxLength: 10 }), (a, b) => {
        const before = a.map((id, i) => ({ id, rank: i + 1 }));
        const after = b.map((id, i) => ({ id, rank: i + 1 }));
        const moves = boardMoves(before, after);
        // Replaying the moves on the old view gives the new one.
        const view = new Map(before.map((e) => [e.id, e.rank] as [number | string, number]));
        for (const move of moves) {
          if (move.to === null) view.delete(move.id);
          else view.set(move.id, move.to);
        }
        expect([...view].sort((x, y) => x[1] - y[1])).toEqual(after.map((e) => [e.id, e.rank]));
        expect(boardMoves(after, after)).toEqual([]);
      }),
    );
  });
});
