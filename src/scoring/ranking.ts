/** Standard competition ranking (1, 2, 2, 4) over entries already sorted best first. */
export function competitionRanks<T>(sorted: T[], sameAs: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  sorted.forEach((entry, index) => {
    ranks.push(index > 0 && sameAs(sorted[index - 1], entry) ? ranks[index - 1] : index + 1);
  });
  return ranks;
}

/** Participants ÷ headcount as a fraction (0 when a unit has no headcount). */
export function participationRate(participants: number, headcount: number): number {
  return headcount > 0 ? participants / headcount : 0;
}

/**
 * Standard competition ranks of one page of a ranking sorted best first, `offset` entries in:
 * `above` is how many entries scored more than the page's first, so ties across the page's top
 * edge share the rank they have on the page before.
 */
export function pageRanks(scores: readonly number[], offset: number, above: number): number[] {
  const ranks: number[] = [];
  scores.forEach((score, i) => ranks.push(i === 0 ? above + 1 : score === scores[i - 1] ? ranks[i - 1] : offset + i + 1));
  return ranks;
}
