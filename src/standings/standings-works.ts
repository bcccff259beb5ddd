import { AuditSource, auditStep } from '../audit/audit-steps';
import { Work, changes, firstRow, rows } from '../database/steps';
import { HELD_ROUND } from './held-round';

/**
 * Puts a closed round's held points on its race's standings, exactly once: the round is marked
 * settled in the same transaction. The points go to the unit and clan each attempt began in, as
 * every answer's count did. False when there was nothing to settle.
 */
export function* settleHeldRound(roundId: number, raceId: number, now: number, source: AuditSource): Work<boolean> {
  const marked = yield* changes(
    "UPDATE round SET scores_settled_at = ? WHERE id = ? AND status = 'closed' AND reveal_answers = 'after_close' AND scores_settled_at IS NULL",
    now,
    roundId,
  );
  if (!marked) return false;
  const theirs = (column: string) => `(SELECT a.${column} FROM attempt a WHERE a.round_id = ? AND a.participant_id = race_standing.participant_id)`;
  yield* changes(
    `UPDATE race_standing SET score = score + ${theirs('score')}, correct_count = correct_count + ${theirs('correct_count')}, updated_at = ? ` +
      'WHERE race_id = ? AND participant_id IN (SELECT participant_id FROM attempt WHERE round_id = ? AND answered > 0)',
    roundId,
    roundId,
    now,
    raceId,
    roundId,
  );
  for (const [kind, column] of [
    ['unit', 'a.unit_id'],
    ['clan', 'a.clan_id'],
  ] as const) {
    yield* changes(
      `UPDATE group_standing SET score = score + COALESCE((SELECT SUM(a.score) FROM attempt a WHERE a.round_id = ? AND a.answered > 0 AND ${column} = group_standing.group_id), 0), ` +
        "updated_at = ? WHERE group_kind = ? AND ((scope = 'race' AND scope_id = ?) OR (scope = 'round' AND scope_id = ?))",
      roundId,
      now,
      kind,
      raceId,
      roundId,
    );
  }
  const round = yield* firstRow<{ name: string; path: string | null; n: number }>(
    'SELECT r.name, u.path, (SELECT COUNT(*) FROM attempt a WHERE a.round_id = r.id AND a.answered > 0) AS n FROM round r JOIN race ra ON ra.id = r.race_id LEFT JOIN unit u ON u.id = ra.unit_id WHERE r.id = ?',
    roundId,
  );
  yield* auditStep(
    source,
    {
      action: 'round.settle',
      target: { kind: 'round', id: roundId, name: round?.name },
      unitPath: round?.path ?? null,
      before: { scoresHeld: true },
      after: { scoresHeld: false, participants: Number(round?.n ?? 0) },
    },
    now,
  );
  return true;
}

/** What a rebuild's audit row compares: how many standings the race has and their total score. */
function* standingTotals(raceId: number): Work<{ standings: number; totalScore: number }> {
  const found = yield* firstRow<{ n: number; total: number | null }>('SELECT COUNT(*) AS n, SUM(score) AS total FROM race_standing WHERE race_id = ?', raceId);
  return { standings: Number(found?.n ?? 0), totalScore: Number(found?.total ?? 0) };
}

/**
 * The standings of a race as the answer log says: the race's, its rounds' and every attempt's
 * totals, counted again from the answers. Each attempt counts for the unit and clan it began in.
 */
export function* rebuildRaceStandings(raceId: number, now: number, source: AuditSource): Work<void> {
  const rounds = 'SELECT id FROM round WHERE race_id = ?';
  const before = yield* standingTotals(raceId);
  yield* changes(`DELETE FROM group_standing WHERE (scope = 'race' AND scope_id = ?) OR (scope = 'round' AND scope_id IN (${rounds}))`, raceId, raceId);
  yield* changes('DELETE FROM race_standing WHERE race_id = ?', raceId);
  yield* changes(
    'UPDATE attempt SET score = COALESCE((SELECT SUM(a.points) FROM answer a WHERE a.attempt_id = attempt.id), 0), ' +
      'answered = (SELECT COUNT(*) FROM answer a WHERE a.attempt_id = attempt.id AND a.choice_ids IS NOT NULL), ' +
      `correct_count = (SELECT COUNT(*) FROM answer a WHERE a.attempt_id = attempt.id AND a.correct = ?) WHERE round_id IN (${rounds})`,
    true,
    raceId,
  );
  // Rounds still holding their points count for participation now and for score when they close.
  const counted = (column: string) => `SUM(CASE WHEN ${HELD_ROUND} THEN 0 ELSE ${column} END)`;
  const played = 'FROM attempt t JOIN round r ON r.id = t.round_id WHERE r.race_id = ? AND t.answered > 0';
  // A person's standing has the unit and clan of their first attempt in the race, as the answer path gives it.
  const first =
    'SELECT MIN(t1.id) FROM attempt t1 JOIN round r1 ON r1.id = t1.round_id WHERE r1.race_id = ? AND t1.participant_id = t.participant_id AND t1.answered > 0';
  yield* changes(
    'INSERT INTO race_standing (race_id, participant_id, unit_id, clan_id, score, answered, correct_count, rounds_played, updated_at) ' +
      `SELECT ?, t.participant_id, f.unit_id, f.clan_id, ${counted('t.score')}, SUM(t.answered), ${counted('t.correct_count')}, COUNT(*), ? ` +
      `FROM attempt t JOIN round r ON r.id = t.round_id JOIN attempt f ON f.id = (${first}) WHERE r.race_id = ? AND t.answered > 0 ` +
      'GROUP BY t.participant_id, f.unit_id, f.clan_id',
    raceId,
    now,
    raceId,
    raceId,
  );
  // Units and clans count the attempts made in them: a person who moved counts in each.
  for (const [kind, column] of [
    ['unit', 't.unit_id'],
    ['clan', 't.clan_id'],
  ] as const) {
    yield* changes(
      'INSERT INTO group_standing (scope, scope_id, group_kind, group_id, participants, score, updated_at) ' +
        `SELECT 'race', ?, ?, ${column}, COUNT(DISTINCT t.participant_id), ${counted('t.score')}, ? ${played} AND ${column} IS NOT NULL GROUP BY ${column}`,
      raceId,
      kind,
      now,
      raceId,
    );
    yield* changes(
      'INSERT INTO group_standing (scope, scope_id, group_kind, group_id, participants, score, updated_at) ' +
        `SELECT 'round', t.round_id, ?, ${column}, COUNT(*), ${counted('t.score')}, ? ${played} AND ${column} IS NOT NULL GROUP BY t.round_id, ${column}`,
      kind,
      now,
      raceId,
    );
  }
  const race = yield* firstRow<{ name: string; path: string | null }>(
    'SELECT ra.name, u.path FROM race ra LEFT JOIN unit u ON u.id = ra.unit_id WHERE ra.id = ?',
    raceId,
  );
  // Recorded even when nothing moved: that a rebuild found the standings right is worth knowing too.
  yield* auditStep(
    source,
    {
      action: 'standings.rebuild',
      target: { kind: 'race', id: raceId, name: race?.name },
      unitPath: race?.path ?? null,
      before,
      after: yield* standingTotals(raceId),
    },
    now,
  );
}

/**
 * Moves a merged unit's attempts and standings to the unit it joined, and counts that unit's
 * race and round totals again from the attempts: someone who played in both counts once.
 */
export function* foldMergedUnit(sourceId: number, targetId: number, now: number): Work<void> {
  yield* changes('UPDATE attempt SET unit_id = ? WHERE unit_id = ?', targetId, sourceId);
  yield* changes('UPDATE race_standing SET unit_id = ? WHERE unit_id = ?', targetId, sourceId);
  const scopes = yield* rows<{ scope: 'race' | 'round'; scope_id: number }>(
    "SELECT DISTINCT scope, scope_id FROM group_standing WHERE group_kind = 'unit' AND group_id IN (?, ?) ORDER BY scope, scope_id",
    sourceId,
    targetId,
  );
  yield* changes("DELETE FROM group_standing WHERE group_kind = 'unit' AND group_id IN (?, ?)", sourceId, targetId);
  for (const { scope, scope_id: scopeId } of scopes) {
    const totals = yield* firstRow<{ participants: number | string; score: number | string | null }>(
      `SELECT COUNT(DISTINCT t.participant_id) AS participants, SUM(CASE WHEN ${HELD_ROUND} THEN 0 ELSE t.score END) AS score ` +
        `FROM attempt t JOIN round r ON r.id = t.round_id WHERE ${scope === 'race' ? 'r.race_id' : 't.round_id'} = ? AND t.unit_id = ? AND t.answered > 0`,
      scopeId,
      targetId,
    );
    const participants = Number(totals?.participants ?? 0);
    if (!participants) continue;
    yield* changes(
      "INSERT INTO group_standing (scope, scope_id, group_kind, group_id, participants, score, updated_at) VALUES (?, ?, 'unit', ?, ?, ?, ?)",
      scope,
      scopeId,
      targetId,
      participants,
      Number(totals?.score ?? 0),
      now,
    );
  }
}
