import {
  ChoiceHandles,
  HANDLE_LIMIT,
  assignHandles,
  attemptViewer,
  countsByHandle,
  handleDigest,
  handleKey,
  handlesFromDigest,
  handlesOf,
  realChoices,
  servedChoices,
  watcherViewer,
} from './choice-handles';

const choices = [
  { id: 101, text: 'A' },
  { id: 102, text: 'B' },
  { id: 103, text: 'C' },
  { id: 104, text: 'D' },
];
const ids = choices.map((choice) => choice.id);

describe('choice handles', () => {
  const handles = new ChoiceHandles('s'.repeat(32));

  it('gives distinct safe positive integers, the same each time for the same viewer and question', () => {
    const mine = handles.of(attemptViewer(7), 42, ids);
    const values = [...mine.values()];
    expect(new Set(values).size).toBe(4);
    for (const value of values) {
      expect(Number.isSafeInteger(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(HANDLE_LIMIT);
    }
    expect(handles.of(attemptViewer(7), 42, [...ids].reverse())).toEqual(mine);
    expect(new ChoiceHandles('s'.repeat(32)).of(attemptViewer(7), 42, ids)).toEqual(mine);
  });

  it('differs between viewers, questions and keys', () => {
    const mine = [...handles.of(attemptViewer(7), 42, ids).values()];
    for (const other of [
      handles.of(attemptViewer(8), 42, ids),
      handles.of(attemptViewer(7), 43, ids),
      handles.of(watcherViewer('organiser', 7, 1), 42, ids),
      new ChoiceHandles('t'.repeat(32)).of(attemptViewer(7), 42, ids),
    ]) {
      expect([...other.values()].filter((value) => mine.includes(value))).toEqual([]);
    }
  });

  it('orders choices by handle in every order about equally often: nothing follows the author', () => {
    const firsts = new Map<number, number>();
    let authorOrder = 0;
    const runs = 4000;
    for (let attempt = 1; attempt <= runs; attempt++) {
      const served = servedChoices(choices, handles.of(attemptViewer(attempt), 42, ids));
      const texts = served.map((choice) => choice.text).join('');
      if (texts === 'ABCD') authorOrder++;
      firsts.set(texts.charCodeAt(0), (firsts.get(texts.charCodeAt(0)) ?? 0) + 1);
    }
    // 1 in 24 on average; far off either way would mean a bias.
    expect(authorOrder).toBeGreaterThan(runs / 24 / 2);
    expect(authorOrder).toBeLessThan((runs / 24) * 2);
    for (const n of firsts.values()) expect(Math.abs(n - runs / 4)).toBeLessThan(runs / 16);
  });

  it('serves the stored order when there is one, with handles for ids', () => {
    const mine = handles.of(attemptViewer(1), 5, ids);
    const served = servedChoices(choices, mine, [103, 101, 104, 102]);
    expect(served.map((choice) => choice.text)).toEqual(['C', 'A', 'D', 'B']);
    expect(served.map((choice) => choice.id)).toEqual([103, 101, 104, 102].map((id) => mine.get(id)));
  });

  it("reads answers back to real ids; a handle not among the viewer's becomes an id no choice has", () => {
    const mine = handles.of(attemptViewer(1), 5, ids);
    const theirs = handles.of(attemptViewer(2), 5, ids);
    expect(realChoices(mine, [mine.get(103)!, mine.get(101)!])).toEqual([103, 101]);
    const foreign = realChoices(mine, [theirs.get(103)!, 103]);
    expect(foreign.every((id) => id < 0)).toBe(true);
    expect(new Set(foreign).size).toBe(2);
  });

  it("speaks the reveal in the viewer's handles, in handle order", () => {
    const mine = handles.of(attemptViewer(1), 5, ids);
    expect(handlesOf(mine, [104, 101])).toEqual([mine.get(101)!, mine.get(104)!].sort((a, b) => a - b));
    const counts = countsByHandle(mine, { '101': 3, '104': 1 });
    expect(counts).toEqual({ [String(mine.get(101))]: 3, [String(mine.get(102))]: 0, [String(mine.get(103))]: 0, [String(mine.get(104))]: 1 });
    expect(Object.keys(counts).map(Number)).toEqual([...mine.values()].sort((a, b) => a - b));
  });

  it('takes more than one digest for many choices, and steps past zeros and repeats', () => {
    const key = handleKey('k'.repeat(32));
    const many = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(handleDigest(key, 'v', 1, 12).length).toBeGreaterThanOrEqual(72);
    expect(new Set(assignHandles(handleDigest(key, 'v', 1, 12), many).values()).size).toBe(12);
    expect(handlesFromDigest(Buffer.alloc(18), 3)).toEqual([1, 2, 3]);
    expect(() => handlesFromDigest(Buffer.alloc(6), 2)).toThrow(RangeError);
  });
});
