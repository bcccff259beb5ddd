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
