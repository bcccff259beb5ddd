import { Injectable } from '@nestjs/common';
import { Principal } from '../access/principal';
import { firstRow, marks, rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { innerSubtree, screenReads } from '../races/race-rules';
import { pageRanks } from '../scoring/ranking';
import { HELD_ROUND } from '../standings/held-round';
import { BoardCache } from './board-cache';
import type { BoardAroundMe, BoardName, BoardReply, GroupEntry, IndividualEntry, UnitSort } from '../contract/boards';
import { rankClans, rankGroups, rollUp } from './board-rules';
import { BoardVersions } from './board-versions';

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
 * Leaderboards, read only. Unit and clan boards are computed from their running totals in the
 * standings (a few hundred rows); the individuals' boards come from the score cache.
 */
@Injectable()
export class BoardsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly cache: BoardCache,
    private readonly versions: BoardVersions,
  ) {}

  /** Each scope's version (see BoardVersions), read before its board so a change in between is sent again. */
  versionsOf(scopes: string[]): Promise<number[]> {
    return this.versions.of(scopes);
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
      const top = await this.cache.store.top(`${scope.kind}:${scope.id}`, offset, limit);
      return reply(await this.cache.store.size(`${scope.kind}:${scope.id}`), await this.named(top));
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
    const tallies =
      spec.board === 'categories'
        ? rollUp(
            units,
            (unit) => unit.category,
            (key) => CATEGORY_NAMES[key] ?? key,
          )
        : units;
    const ranked = rankGroups(tallies, spec.sort ?? 'participation');
    // Every reader gets the capped rate; that a headcount is out of date is for organisers to fix,
    // not for a hall's screen (nor for the ticker's board:update, which reaches every reader).
    const shown = reader?.kind === 'organiser' ? ranked : ranked.map(publicEntry);
    // Units and schools keep their category (a screen can group or colour by it); a category's entry is its own id.
    return reply(shown.length, shown.slice(offset, offset + limit));
  }

  /** The caller's entry on the individuals' board with the entries just above and below. */
  async aroundMe(spec: Pick<BoardSpec, 'race' | 'round'>, participantId: number): Promise<BoardAroundMe> {
    const scope = await this.scopeOf(spec);
    const key = `${scope.kind}:${scope.id}`;
    const mine = await this.cache.store.rankOf(key, participantId);
    const base = {
      board: 'individuals' as const,
      raceId: scope.raceId,
      roundId: scope.kind === 'round' ? scope.id : null,
      updatedAt: new Date().toISOString(),
      total: await this.cache.store.size(key),
    };
    if (!mine) return { ...base, entries: [], me: null };
    // Our place in the list may be below our rank (ties); find it among the entries around it.
    const window = await this.cache.store.top(key, Math.max(0, mine.rank - 2), 3 + 50);
    const at = window.findIndex((entry) => entry.id === participantId);
    const slice = window.slice(Math.max(0, at - 1), at + 2);
    const entries = await this.named(slice);
    return { ...base, entries, me: entries.find((entry) => entry.id === participantId) ?? null };
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
    const found = await race(
      `EXISTS (SELECT 1 FROM round r WHERE r.race_id = ra.id AND r.status IN ('open', 'closed') AND ${HELD_ROUND})`,
      'race ra',
      'ra.id',
      spec.race!,
    );
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
    const scores = page.map((entry) => Number(entry.score));
    const above = scores.length
      ? Number((await this.transactions.read(() => rows<{ n: number }>(`SELECT COUNT(*) AS n ${from} AND s.score > ?`, scope.id, subtree, scores[0])))[0].n)
      : 0;
    const ranks = pageRanks(scores, offset, above);
    const entries = page.map((entry, i) => ({ id: Number(entry.id), score: scores[i], rank: ranks[i] }));
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
