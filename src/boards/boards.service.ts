import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditSource, auditSource, auditStep } from '../audit/audit-steps';
import { Principal } from '../auth/principal';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Work, changes, firstRow, marks, rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { StandingChange } from '../play/attempt-works';
import { innerSubtree, screenReads } from '../races/race-rules';
import { RedisConnection } from '../redis/redis.module';
import type { BoardName, BoardReply, GroupEntry, IndividualEntry, UnitSort } from '../contract/boards';
import { rankClans, rankGroups, rollUp } from './board-rules';
import { RedisScoreStore } from './redis-score-store';
import { MemoryScoreStore, ScoreStore } from './score-store';

export interface BoardSpec {
  board: BoardName;
  race?: number;
  round?: number;
  limit?: number;
  offset?: number;
  unitId?: number;
  sort?: UnitSort;
}

export const CATEGORY_NAMES: Record<string, string> = {
  district_office: 'Cơ quan, đơn vị cấp huyện',
  commune: 'Xã, thị trấn',
  school: 'Trường học',
  other: 'Khác',
};

/**
 * SQL for "the round `r` keeps its points off the boards": its answers stay secret until it
 * closes, and a score that moved would tell. Attempts keep their true score all along; the
 * points join the standings when the closed round is settled (settleHeldRound), not before.
 */
export const HELD_ROUND = "(r.reveal_answers = 'after_close' AND r.scores_settled_at IS NULL)";

export interface Scope {
  kind: 'race' | 'round';
  id: number;
  raceId: number;
  /** The path of the race's unit: its group boards and reports keep to that subtree. Null for a district race. */
  racePath: string | null;
  /** The round, or a round of the race, holds its points until it closes. */
  held: boolean;
}

/**
 * Leaderboards. Unit and clan boards are computed from their running totals in the database
 * (a few hundred rows); the individuals' boards come from the score store (memory or Redis),
 * a cache rebuilt from the database at start-up and raised after every committed answer.
 */
@Injectable()
export class BoardsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Boards');
  readonly store: ScoreStore;
  /** Scopes (`race:1`, `round:7`) changed since the ticker last looked; see changedSince. */
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly transactions: Transactions,
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.store = redis.client ? new RedisScoreStore(redis.client, config.redisPrefix) : new MemoryScoreStore();
    redis.onRestore('boards', () => this.restoreAfterOutage());
  }

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const count = await this.rebuildStore();
    this.logger.log(`Rebuilt ${count} board(s) in the ${this.store.kind} store in ${Date.now() - started} ms`);
  }

  /**
   * Fills the score store from the database: every race's standings and every round's attempts.
   * `raise` refills in place while answers keep arriving (after a Redis outage) instead of swapping.
   */
  async rebuildStore(how: 'replace' | 'raise' = 'replace'): Promise<number> {
    const races = await this.transactions.read(() => rows<{ id: number }>('SELECT id FROM race'));
    const rounds = await this.transactions.read(() => rows<{ id: number }>('SELECT DISTINCT round_id AS id FROM attempt WHERE answered > 0'));
    for (const { id } of races) {
      const entries = await this.transactions.read(() => rows<{ id: number; score: number }>('SELECT participant_id AS id, score FROM race_standing WHERE race_id = ?', id));
      await this.store[how === 'replace' ? 'replace' : 'raiseAll'](`race:${id}`, entries.map((e) => ({ id: Number(e.id), score: Number(e.score) })));
    }
    for (const { id } of rounds) {
      const entries = await this.transactions.read(() =>
        rows<{ id: number; score: number }>(
          `SELECT a.participant_id AS id, CASE WHEN ${HELD_ROUND} THEN 0 ELSE a.score END AS score FROM attempt a JOIN round r ON r.id = a.round_id WHERE a.round_id = ? AND a.answered > 0`,
          id,
        ),
      );
      await this.store[how === 'replace' ? 'replace' : 'raiseAll'](`round:${id}`, entries.map((e) => ({ id: Number(e.id), score: Number(e.score) })));
    }
    return races.length + rounds.length;
  }

  /** After a Redis outage: boards refilled, and every board marked changed so screens get them again. */
  private async restoreAfterOutage(): Promise<void> {
    await this.rebuildStore('raise');
    const races = await this.transactions.read(() => rows<{ id: number }>('SELECT id FROM race'));
    const rounds = await this.transactions.read(() => rows<{ id: number }>('SELECT id FROM round'));
    await this.touch([...races.map(({ id }) => `race:${id}`), ...rounds.map(({ id }) => `round:${id}`)]);
  }

  /** After an answer's commit: the cache learns the new scores and the boards are marked changed. */
  async answered(change: StandingChange): Promise<void> {
    await Promise.all([
      this.store.raise(`race:${change.raceId}`, change.participantId, change.raceScore),
      this.store.raise(`round:${change.roundId}`, change.participantId, change.roundScore),
    ]);
    await this.touch([`race:${change.raceId}`, `round:${change.roundId}`]);
  }

  /** A version per scope that rises with every change, shared through Redis in the scaled profile. */
  async versionsOf(scopes: string[]): Promise<number[]> {
    if (!scopes.length) return [];
    if (this.redis.client) return (await this.redis.client.mget(scopes.map((scope) => this.versionKey(scope)))).map(Number);
    return scopes.map((scope) => this.versions.get(scope) ?? 0);
  }

  /** A board; `reader`, when given, is the caller, and a screen reads only the races it was made for. */
  async board(spec: BoardSpec, reader?: Principal): Promise<BoardReply> {
    const scope = await this.scopeOf(spec);
    if (reader?.kind === 'screen' && !screenReads(reader, scope.raceId, scope.racePath)) throw Errors.outOfScope();
    const limit = spec.limit ?? 20;
    const offset = spec.offset ?? 0;
    const asked = spec.unitId ? await this.pathOf(spec.unitId) : null;
    const reply = (total: number, entries: BoardReply['entries']): BoardReply => ({
      board: spec.board,
      raceId: scope.raceId,
      roundId: scope.kind === 'round' ? scope.id : null,
      updatedAt: new Date().toISOString(),
      total,
      entries,
      ...(scope.held ? { scoresHeld: true as const } : {}),
    });
    if (spec.board === 'individuals') {
      if (asked) {
        const { total, entries } = await this.individualsIn(scope, `${asked}%`, offset, limit);
        return reply(total, entries);
      }
      const top = await this.store.top(`${scope.kind}:${scope.id}`, offset, limit);
      return reply(await this.store.size(`${scope.kind}:${scope.id}`), await this.named(top));
    }
    // Groups of a unit's race are those of its subtree, as is everyone who may play it.
    const reach = innerSubtree(scope.racePath, asked);
    if (reach === false) return reply(0, []);
    const subtree = reach === null ? null : `${reach}%`;
    if (spec.board === 'clans') {
      const clans = rankClans(await this.clanTallies(scope, subtree));
      return reply(clans.length, clans.slice(offset, offset + limit));
    }
    const units = await this.unitTallies(scope, subtree, spec.board === 'schools');
    const tallies = spec.board === 'categories' ? rollUp(units, (unit) => unit.category, (key) => CATEGORY_NAMES[key] ?? key) : units;
    const ranked = rankGroups(tallies, spec.sort ?? 'participation');
    // Every reader gets the capped rate; that a headcount is out of date is for organisers to fix,
    // not for a hall's screen (nor for the ticker's board:update, which reaches every reader).
    const shown = reader?.kind === 'organiser' ? ranked : ranked.map(publicEntry);
    // Units and schools keep their category (a screen can group or colour by it); a category's entry is its own id.
    return reply(shown.length, shown.slice(offset, offset + limit));
  }

  /** The caller's entry on the individuals' board with the entries just above and below. */
  async aroundMe(spec: Pick<BoardSpec, 'race' | 'round'>, participantId: number): Promise<BoardReply & { me: IndividualEntry | null }> {
    const scope = await this.scopeOf(spec);
    const key = `${scope.kind}:${scope.id}`;
    const mine = await this.store.rankOf(key, participantId);
    const base = { board: 'individuals' as const, raceId: scope.raceId, roundId: scope.kind === 'round' ? scope.id : null, updatedAt: new Date().toISOString(), total: await this.store.size(key) };
    if (!mine) return { ...base, entries: [], me: null };
    // Our place in the list may be below our rank (ties); find it among the entries around it.
    const window = await this.store.top(key, Math.max(0, mine.rank - 2), 3 + 50);
    const at = window.findIndex((entry) => entry.id === participantId);
    const slice = window.slice(Math.max(0, at - 1), at + 2);
    const entries = await this.named(slice);
    return { ...base, entries, me: entries.find((entry) => entry.id === participantId) ?? null };
  }

  /**
   * Recomputes a race's standings (the race's, its rounds' and every attempt's totals) from the
   * answer log, in one transaction. Participants are counted in the unit and clan they are in now.
   */
  async rebuildStandings(raceId: number): Promise<void> {
    if (!(await this.transactions.read(() => firstRow('SELECT id FROM race WHERE id = ?', raceId)))) throw Errors.notFound(What.race, raceId);
    // Two rebuilds of a race at once would each delete and insert the same rows.
    const source = auditSource();
    await this.transactions.steps(() => rebuildRaceStandings(raceId, Date.now(), source), `race-standings:${raceId}`);
    await this.rebuildStore();
    await this.touch([`race:${raceId}`]);
  }

  /**
   * A closed round that held its points puts them on the boards, once however often it is asked.
   * The race's standings take the lock a rebuild takes, so the two never interleave.
   */
  async settleRound(roundId: number, raceId: number): Promise<boolean> {
    const source = auditSource();
    const settled = await this.transactions.steps(() => settleHeldRound(roundId, raceId, Date.now(), source), `race-standings:${raceId}`);
    if (!settled) return false;
    const played = 'SELECT participant_id FROM attempt WHERE round_id = ? AND answered > 0';
    const race = await this.transactions.read(() => rows<{ id: number; score: number }>(`SELECT participant_id AS id, score FROM race_standing WHERE race_id = ? AND participant_id IN (${played})`, raceId, roundId));
    const round = await this.transactions.read(() => rows<{ id: number; score: number }>('SELECT participant_id AS id, score FROM attempt WHERE round_id = ? AND answered > 0', roundId));
    const entries = (found: Array<{ id: number; score: number }>) => found.map((e) => ({ id: Number(e.id), score: Number(e.score) }));
    await this.store.raiseAll(`race:${raceId}`, entries(race));
    await this.store.raiseAll(`round:${roundId}`, entries(round));
    await this.touch([`race:${raceId}`, `round:${roundId}`]);
    return true;
  }

  private async touch(scopes: string[]): Promise<void> {
    if (this.redis.client) {
      const pipeline = this.redis.client.pipeline();
      for (const scope of scopes) pipeline.incr(this.versionKey(scope));
      await pipeline.exec();
    } else for (const scope of scopes) this.versions.set(scope, (this.versions.get(scope) ?? 0) + 1);
  }

  private versionKey(scope: string): string {
    return `${this.config.redisPrefix}:board-version:${scope}`;
  }

  /** The race or round a board or report is about; 400 unless exactly one is given, 404 if unknown. */
  async scopeOf(spec: Pick<BoardSpec, 'race' | 'round'>): Promise<Scope> {
    if (!!spec.race === !!spec.round) {
      throw Errors.of('BOARD_SCOPE');
    }
    const race = (held: string, from: string, where: string, id: number) =>
      this.transactions.read(() =>
        firstRow<{ race_id: number; race_path: string | null; held: number | boolean }>(
          `SELECT ra.id AS race_id, u.path AS race_path, CASE WHEN ${held} THEN 1 ELSE 0 END AS held FROM ${from} LEFT JOIN unit u ON u.id = ra.unit_id WHERE ${where} = ?`,
          id,
        ),
      );
    if (spec.round) {
      const found = await race(HELD_ROUND, 'round r JOIN race ra ON ra.id = r.race_id', 'r.id', spec.round);
      if (!found) throw Errors.notFound(What.round, spec.round);
      return { kind: 'round', id: spec.round, raceId: Number(found.race_id), racePath: found.race_path, held: Number(found.held) === 1 };
    }
    const found = await race(`EXISTS (SELECT 1 FROM round r WHERE r.race_id = ra.id AND r.status IN ('open', 'closed') AND ${HELD_ROUND})`, 'race ra', 'ra.id', spec.race!);
    if (!found) throw Errors.notFound(What.race, spec.race!);
    return { kind: 'race', id: spec.race!, raceId: spec.race!, racePath: found.race_path, held: Number(found.held) === 1 };
  }

  private async pathOf(unitId: number): Promise<string> {
    const unit = await this.transactions.read(() => firstRow<{ path: string }>('SELECT path FROM unit WHERE id = ?', unitId));
    if (!unit) throw Errors.notFound(What.unit, unitId);
    return unit.path;
  }

  /** Every unit's totals for a race or round (units with a headcount or a participant), within a subtree pattern. */
  async unitTallies(scope: Scope, subtree: string | null, schoolsOnly = false) {
    const found = await this.transactions.read(() =>
      rows<{ id: number; name: string; category: string; headcount: number; participants: number | null; score: number | null }>(
        'SELECT u.id, u.name, u.category, u.headcount, g.participants, g.score FROM unit u ' +
          "LEFT JOIN group_standing g ON g.scope = ? AND g.scope_id = ? AND g.group_kind = 'unit' AND g.group_id = u.id " +
          'WHERE u.merged_into_id IS NULL AND (u.headcount > 0 OR g.participants > 0)' +
          (subtree !== null ? ' AND u.path LIKE ?' : '') +
          (schoolsOnly ? " AND u.category = 'school'" : ''),
        scope.kind,
        scope.id,
        ...(subtree !== null ? [subtree] : []),
      ),
    );
    return found.map((row) => ({
      id: Number(row.id),
      name: row.name,
      category: row.category,
      headcount: Number(row.headcount),
      participants: Number(row.participants ?? 0),
      totalScore: Number(row.score ?? 0),
    }));
  }

  private async clanTallies(scope: Scope, subtree: string | null) {
    const found = await this.transactions.read(() =>
      rows<{ id: number; name: string; participants: number | null; score: number | null }>(
        'SELECT c.id, c.name, g.participants, g.score FROM clan c ' +
          "LEFT JOIN group_standing g ON g.scope = ? AND g.scope_id = ? AND g.group_kind = 'clan' AND g.group_id = c.id " +
          (subtree !== null ? 'JOIN unit u ON u.id = c.unit_id AND u.path LIKE ?' : ''),
        scope.kind,
        scope.id,
        ...(subtree !== null ? [subtree] : []),
      ),
    );
    return found.map((row) => ({ id: Number(row.id), name: row.name, participants: Number(row.participants ?? 0), totalScore: Number(row.score ?? 0) }));
  }

  /** A subtree's individuals straight from the standings: the cache holds whole boards only. */
  private async individualsIn(scope: Scope, subtree: string, offset: number, limit: number) {
    const from =
      scope.kind === 'race'
        ? 'FROM race_standing s JOIN participant p ON p.id = s.participant_id JOIN unit u ON u.id = p.unit_id WHERE s.race_id = ? AND u.path LIKE ?'
        : `FROM (SELECT a.participant_id, a.answered, CASE WHEN ${HELD_ROUND} THEN 0 ELSE a.score END AS score FROM attempt a JOIN round r ON r.id = a.round_id WHERE a.round_id = ?) s ` +
          'JOIN participant p ON p.id = s.participant_id JOIN unit u ON u.id = p.unit_id WHERE s.answered > 0 AND u.path LIKE ?';
    const [{ total }] = await this.transactions.read(() => rows<{ total: number }>(`SELECT COUNT(*) AS total ${from}`, scope.id, subtree));
    const page = await this.transactions.read(() =>
      rows<{ id: number; score: number }>(`SELECT p.id, s.score ${from} ORDER BY s.score DESC, p.id LIMIT ? OFFSET ?`, scope.id, subtree, limit, offset),
    );
    const entries: Array<{ id: number; score: number; rank: number }> = [];
    for (const [i, entry] of page.entries()) {
      const score = Number(entry.score);
      const rank: number =
        i > 0 && score === entries[i - 1].score
          ? entries[i - 1].rank
          : i > 0
            ? offset + i + 1
            : Number((await this.transactions.read(() => rows<{ n: number }>(`SELECT COUNT(*) AS n ${from} AND s.score > ?`, scope.id, subtree, score)))[0].n) + 1;
      entries.push({ id: Number(entry.id), score, rank });
    }
    return { total: Number(total), entries: await this.named(entries) };
  }

  private async named(entries: Array<{ id: number; score: number; rank: number }>): Promise<IndividualEntry[]> {
    if (!entries.length) return [];
    const people = await this.transactions.read(() =>
      rows<{ id: number; full_name: string; unit_id: number; unit_name: string; clan_id: number | null; clan_name: string | null }>(
        'SELECT p.id, p.full_name, p.unit_id, u.name AS unit_name, p.clan_id, c.name AS clan_name FROM participant p ' +
          `JOIN unit u ON u.id = p.unit_id LEFT JOIN clan c ON c.id = p.clan_id WHERE p.id IN (${marks(entries.length)})`,
        ...entries.map((entry) => entry.id),
      ),
    );
    const byId = new Map(people.map((person) => [Number(person.id), person]));
    return entries.map(({ id, score, rank }) => {
      const person = byId.get(id);
      return {
        rank,
        id,
        name: person?.full_name ?? '',
        score,
        unitId: Number(person?.unit_id ?? 0),
        unitName: person?.unit_name ?? '',
        clanId: person?.clan_id === null || person?.clan_id === undefined ? null : Number(person.clan_id),
        clanName: person?.clan_name ?? null,
      };
    });
  }
}

function publicEntry({ headcountOutdated: _outdated, ...entry }: GroupEntry): GroupEntry {
  return entry;
}

/** The standings of a race as the answer log says; see BoardsService.rebuildStandings. */
/**
 * Puts a closed round's held points on its race's standings, exactly once: the round is marked
 * settled in the same transaction. The points go to the unit and clan each attempt began in, as
 * every answer's count did. False when there was nothing to settle.
 */
function* settleHeldRound(roundId: number, raceId: number, now: number, source: AuditSource): Work<boolean> {
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
  for (const [kind, column] of [['unit', 'a.unit_id'], ['clan', 'a.clan_id']] as const) {
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
    { action: 'round.settle', target: { kind: 'round', id: roundId, name: round?.name }, unitPath: round?.path ?? null, before: { scoresHeld: true }, after: { scoresHeld: false, participants: Number(round?.n ?? 0) } },
    now,
  );
  return true;
}

/** What a rebuild's audit row compares: how many standings the race has and their total score. */
function* standingTotals(raceId: number): Work<{ standings: number; totalScore: number }> {
  const found = yield* firstRow<{ n: number; total: number | null }>('SELECT COUNT(*) AS n, SUM(score) AS total FROM race_standing WHERE race_id = ?', raceId);
  return { standings: Number(found?.n ?? 0), totalScore: Number(found?.total ?? 0) };
}

function* rebuildRaceStandings(raceId: number, now: number, source: AuditSource): Work<void> {
  const rounds = "SELECT id FROM round WHERE race_id = ?";
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
  const first = 'SELECT MIN(t1.id) FROM attempt t1 JOIN round r1 ON r1.id = t1.round_id WHERE r1.race_id = ? AND t1.participant_id = t.participant_id AND t1.answered > 0';
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
  for (const [kind, column] of [['unit', 't.unit_id'], ['clan', 't.clan_id']] as const) {
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
  const race = yield* firstRow<{ name: string; path: string | null }>('SELECT ra.name, u.path FROM race ra LEFT JOIN unit u ON u.id = ra.unit_id WHERE ra.id = ?', raceId);
  // Recorded even when nothing moved: that a rebuild found the standings right is worth knowing too.
  yield* auditStep(source, { action: 'standings.rebuild', target: { kind: 'race', id: raceId, name: race?.name }, unitPath: race?.path ?? null, before, after: yield* standingTotals(raceId) }, now);
}
