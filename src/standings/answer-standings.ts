import { Work, changes, firstRow, marks, rows } from '../database/steps';

/** What an accepted answer changed on the boards, for the caches and the live push. */
export interface StandingChange {
  raceId: number;
  roundId: number;
  participantId: number;
  roundScore: number;
  raceScore: number;
  unitId: number;
  clanId: number | null;
}

/** One accepted answer as the standings count it. */
export interface CountedAnswer {
  raceId: number;
  roundId: number;
  attemptId: number;
  participantId: number;
  /** The unit and clan the attempt began in: its points and its player count there. */
  unitId: number;
  clanId: number | null;
  /** The attempt had no answer before this one: the participant is a new player of the round. */
  firstOfAttempt: boolean;
  /** What the boards may know now: no points and not correct while the round holds its points. */
  points: number;
  correct: boolean;
  now: number;
}

/**
 * The answer's part of the standings, inside the answer's work: the person's race total and their
 * unit's and clan's totals for the race and the round. Run it last in the work: a unit's and a
 * clan's totals are rows every answer of the unit updates, so their locks (PostgreSQL) are held
 * only from here to the commit. Returns the person's race score after the answer.
 */
export function* countAnswer(answer: CountedAnswer): Work<number> {
  const { raceId, roundId, unitId, clanId, points, now } = answer;
  // The person's race total; its unit and clan are those of their first attempt in the race.
  const [standing] = yield* rows<{ unit_id: number; clan_id: number | null; answered: number; score: number }>(
    'INSERT INTO race_standing (race_id, participant_id, unit_id, clan_id, score, answered, correct_count, rounds_played, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, 1, ?) ' +
      'ON CONFLICT (race_id, participant_id) DO UPDATE SET score = race_standing.score + excluded.score, answered = race_standing.answered + 1, ' +
      'correct_count = race_standing.correct_count + excluded.correct_count, rounds_played = race_standing.rounds_played + ?, updated_at = excluded.updated_at ' +
      'RETURNING unit_id, clan_id, answered, score',
    raceId,
    answer.participantId,
    unitId,
    clanId,
    points,
    answer.correct ? 1 : 0,
    now,
    answer.firstOfAttempt ? 1 : 0,
  );
  // The unit's and clan's totals for the race and the round, those the attempt began in; a
  // participant counts once in each, also when they moved between rounds.
  const groups: unknown[][] = [];
  for (const [kind, groupId, first] of [
    ['unit', unitId, standing.unit_id],
    ['clan', clanId, standing.clan_id],
  ] as const) {
    if (groupId === null) continue;
    const newInRace = Number(standing.answered) === 1 || (answer.firstOfAttempt && groupId !== first && !(yield* playedAs(answer, kind, groupId)));
    groups.push(['race', raceId, kind, groupId, newInRace ? 1 : 0, points, now]);
    groups.push(['round', roundId, kind, groupId, answer.firstOfAttempt ? 1 : 0, points, now]);
  }
  yield* changes(
    `INSERT INTO group_standing (scope, scope_id, group_kind, group_id, participants, score, updated_at) VALUES ${groups.map(() => `(${marks(7)})`).join(', ')} ` +
      'ON CONFLICT (scope, scope_id, group_kind, group_id) DO UPDATE SET participants = group_standing.participants + excluded.participants, ' +
      'score = group_standing.score + excluded.score, updated_at = excluded.updated_at',
    ...groups.flat(),
  );
  return Number(standing.score);
}

/**
 * Whether the participant already answered in the race while in this unit (or clan), in another
 * attempt: only asked of someone who moved since their first attempt in the race.
 */
function* playedAs(answer: CountedAnswer, kind: 'unit' | 'clan', groupId: number): Work<boolean> {
  const column = kind === 'unit' ? 'a.unit_id' : 'a.clan_id';
  return !!(yield* firstRow(
    `SELECT a.id FROM attempt a JOIN round r ON r.id = a.round_id WHERE r.race_id = ? AND a.participant_id = ? AND ${column} = ? AND a.answered > 0 AND a.id <> ?`,
    answer.raceId,
    answer.participantId,
    groupId,
    answer.attemptId,
  ));
}
