import { Injectable } from '@nestjs/common';
import { OrganiserPrincipal } from '../access/principal';
import { CATEGORY_NAMES, BoardsService, Scope } from '../boards/boards.service';
import { GroupTally, rankGroups, rollUp, turnout } from '../boards/board-rules';
import type { Figures, NonParticipant, NonParticipantPage, ParticipationReport } from '../contract/reports';
import { firstRow, marks, rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { Cell, Sheet } from '../http/spreadsheet';
import { assertManages, subtreePattern } from '../org/scope';
import { innerSubtree, seesRace } from '../races/race-rules';
import * as sheets from './report-sheets';
import { recordExport } from './export-audit';
import { EXPORT_PAGE as PAGE, change, ratePercent, roundTwo } from './report-rules';
import { ExportFormat } from './report-types';

export interface ReportScope {
  race?: number;
  round?: number;
  unitId?: number;
}

/**
 * Reports for district leadership and organisers: turnout by unit and category (the same totals
 * as the boards) and who has not played; a round's results are in round-results.service.ts.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly boards: BoardsService,
  ) {}

  async participation(query: ReportScope, by: OrganiserPrincipal): Promise<ParticipationReport> {
    const scope = await this.boards.scopeOf(query);
    const subtree = await this.subtreeFor(scope, query.unitId, by);
    const units = await this.boards.unitTallies(scope, subtree);
    const earlier = await this.earlierFigures(scope);
    const before = earlier?.byUnit;
    const unitBefore = (unit: { id: number | string }) => (before ? (before.get(Number(unit.id)) ?? { participants: 0, totalScore: 0 }) : null);
    const categoryOf = new Map(units.map((unit) => [unit.id, unit.category]));

    // Rates count each unit's players up to its headcount (turnout), in a group as in a unit.
    const counted = (members: GroupTally[], participantsOf: (unit: GroupTally) => number = (unit) => unit.participants) =>
      members.reduce((sum, unit) => sum + turnout(participantsOf(unit), unit.headcount).counted, 0);
    const line = (tally: GroupTally, members: GroupTally[], was: { participants: number; counted: number } | null): Figures => {
      const now = counted(members);
      const outdated = members.some((unit) => turnout(unit.participants, unit.headcount).headcountOutdated);
      return {
        participants: tally.participants,
        headcount: tally.headcount,
        rate: turnout(now, tally.headcount).rate,
        ratePercent: ratePercent(now, tally.headcount),
        totalScore: tally.totalScore,
        averageScore: roundTwo(tally.participants ? tally.totalScore / tally.participants : 0),
        perHeadScore: roundTwo(tally.headcount ? tally.totalScore / tally.headcount : 0),
        change: was
          ? {
              participants: tally.participants - was.participants,
              ratePercent: change(ratePercent(now, tally.headcount), ratePercent(was.counted, tally.headcount))!,
            }
          : null,
        ...(outdated ? { headcountOutdated: true as const } : {}),
      };
    };
    const sumBefore = (members: GroupTally[]) =>
      before
        ? {
            participants: members.reduce((sum, unit) => sum + unitBefore(unit)!.participants, 0),
            counted: counted(members, (unit) => unitBefore(unit)!.participants),
          }
        : null;

    const rankedUnits = rankGroups(units, 'participation').map((entry) => ({
      id: entry.id,
      name: entry.name,
      rank: entry.rank,
      category: categoryOf.get(Number(entry.id)),
      categoryName: CATEGORY_NAMES[categoryOf.get(Number(entry.id)) ?? ''] ?? categoryOf.get(Number(entry.id)),
      ...line(entry, [entry], sumBefore([entry])),
    }));
    const categories = rankGroups(
      rollUp(
        units,
        (unit) => unit.category,
        (key) => CATEGORY_NAMES[key] ?? key,
      ),
      'participation',
    ).map((entry) => ({
      id: entry.id,
      name: entry.name,
      rank: entry.rank,
      ...line(
        entry,
        units.filter((unit) => unit.category === entry.id),
        sumBefore(units.filter((unit) => unit.category === entry.id)),
      ),
    }));
    const [district] = rollUp(
      units,
      () => 'total',
      () => 'total',
    );
    return {
      raceId: scope.raceId,
      roundId: scope.kind === 'round' ? scope.id : null,
      generatedAt: new Date().toISOString(),
      comparedWith: earlier ? { roundId: earlier.round.id, name: earlier.round.name, meaning: earlier.meaning } : null,
      total: line(district ?? { id: 'total', name: 'total', participants: 0, headcount: 0, totalScore: 0 }, units, sumBefore(units)),
      categories,
      units: rankedUnits,
    };
  }

  /** The report as a file to download; taking it is recorded. */
  async participationExport(query: ReportScope, by: OrganiserPrincipal, format: ExportFormat): Promise<Sheet[]> {
    const report = await this.participation(query, by);
    await recordExport(this.transactions, 'participation', format, { race: query.race, round: query.round, unitId: query.unitId }, by);
    return sheets.participation(report);
  }

  /** A page of the people in scope who have not answered anything in the race or round. */
  async nonParticipants(query: ReportScope, by: OrganiserPrincipal, limit: number, offset: number): Promise<NonParticipantPage> {
    const scope = await this.boards.scopeOf(query);
    const subtree = (await this.subtreeFor(scope, query.unitId, by)) ?? '%';
    const [where, params] = this.missingClause(scope, subtree);
    const counted = await this.transactions.read(() =>
      firstRow<{ n: number }>(`SELECT COUNT(*) AS n FROM participant p JOIN unit u ON u.id = p.unit_id WHERE ${where}`, ...params),
    );
    const items = await this.transactions.read(() =>
      rows<Record<string, unknown>>(
        `SELECT p.id, p.staff_code, p.full_name, p.unit_id, u.name AS unit_name FROM participant p JOIN unit u ON u.id = p.unit_id WHERE ${where} ` +
          'ORDER BY u.path, p.staff_code LIMIT ? OFFSET ?',
        ...params,
        limit,
        offset,
      ),
    );
    return { total: Number(counted?.n ?? 0), items: items.map(nonParticipant) };
  }

  async nonParticipantSheets(query: ReportScope, by: OrganiserPrincipal, format: ExportFormat): Promise<Sheet[]> {
    const scope = await this.boards.scopeOf(query);
    const subtree = (await this.subtreeFor(scope, query.unitId, by)) ?? '%';
    await recordExport(this.transactions, 'non_participants', format, { race: query.race, round: query.round, unitId: query.unitId }, by);
    const [where, params] = this.missingClause(scope, subtree);
    const transactions = this.transactions;
    // Walked unit by unit and, inside a unit, by staff code: each query reads one bounded page.
    async function* people(): AsyncGenerator<Cell[]> {
      const units = await transactions.read(() => rows<{ id: number; name: string }>('SELECT id, name FROM unit WHERE path LIKE ? ORDER BY path', subtree));
      for (const unit of units) {
        let after = '';
        for (;;) {
          const page = await transactions.read(() =>
            rows<Record<string, unknown>>(
              `SELECT p.id, p.staff_code, p.full_name, p.unit_id, u.name AS unit_name FROM participant p JOIN unit u ON u.id = p.unit_id WHERE ${where} AND p.unit_id = ? AND p.staff_code > ? ORDER BY p.staff_code LIMIT ?`,
              ...params,
              unit.id,
              after,
              PAGE,
            ),
          );
          for (const person of page.map(nonParticipant)) yield [person.unitName, person.staffCode, person.fullName];
          if (page.length < PAGE) break;
          after = String(page[page.length - 1].staff_code);
        }
      }
    }
    return sheets.nonParticipants(people());
  }

  /**
   * What `change` compares with. A round: the race's round before it. A race: the race as it
   * stood before its latest round (people and points from the earlier rounds only).
   */
  private async earlierFigures(
    scope: Scope,
  ): Promise<{ round: { id: number; name: string }; meaning: string; byUnit: Map<number, { participants: number; totalScore: number }> } | null> {
    const played = await this.transactions.read(() =>
      rows<{ id: number; name: string }>(
        "SELECT id, name FROM round WHERE race_id = ? AND status IN ('open', 'closed') ORDER BY COALESCE(opens_at, 0), id",
        scope.raceId,
      ),
    );
    const byUnit = new Map<number, { participants: number; totalScore: number }>();
    if (scope.kind === 'round') {
      const at = played.findIndex((round) => Number(round.id) === scope.id);
      if (at < 1) return null;
      const previous = played[at - 1];
      const found = await this.transactions.read(() =>
        rows<{ group_id: number; participants: number; score: number }>(
          "SELECT group_id, participants, score FROM group_standing WHERE scope = 'round' AND scope_id = ? AND group_kind = 'unit'",
          previous.id,
        ),
      );
      for (const row of found) byUnit.set(Number(row.group_id), { participants: Number(row.participants), totalScore: Number(row.score) });
      return { round: { id: Number(previous.id), name: previous.name }, meaning: 'the previous round of the race', byUnit };
    }
    if (played.length < 2) return null;
    const latest = played[played.length - 1];
    const earlier = played.slice(0, -1).map((round) => Number(round.id));
    const found = await this.transactions.read(() =>
      rows<{ unit_id: number; participants: number; score: number }>(
        'SELECT a.unit_id, COUNT(DISTINCT a.participant_id) AS participants, SUM(a.score) AS score FROM attempt a ' +
          `WHERE a.round_id IN (${marks(earlier.length)}) AND a.answered > 0 GROUP BY a.unit_id`,
        ...earlier,
      ),
    );
    for (const row of found) byUnit.set(Number(row.unit_id), { participants: Number(row.participants), totalScore: Number(row.score) });
    return { round: { id: Number(latest.id), name: latest.name }, meaning: 'the race before this round', byUnit };
  }

  /** Who in scope has not answered: active, with no standing in the race or no attempt in the round. */
  private missingClause(scope: Scope, subtree: string): [string, unknown[]] {
    const played =
      scope.kind === 'race'
        ? 'NOT EXISTS (SELECT 1 FROM race_standing s WHERE s.race_id = ? AND s.participant_id = p.id)'
        : 'NOT EXISTS (SELECT 1 FROM attempt a WHERE a.round_id = ? AND a.participant_id = p.id AND a.answered > 0)';
    return [`p.active = ? AND u.path LIKE ? AND ${played}`, [true, subtree, scope.id]];
  }

  /**
   * The `LIKE` pattern of the units a report covers: the unit asked for (or the organiser's own
   * subtree) within the race's unit. Null for everything.
   */
  private async subtreeFor(scope: Scope, unitId: number | undefined, by: OrganiserPrincipal): Promise<string | null> {
    if (!seesRace(by.scopePath, scope.racePath)) throw Errors.outOfScope();
    let asked = by.scopePath;
    if (unitId !== undefined) {
      const unit = await this.transactions.read(() => firstRow<{ path: string }>('SELECT path FROM unit WHERE id = ?', unitId));
      if (!unit) throw Errors.notFound(What.unit, unitId);
      assertManages(by, unit.path);
      asked = unit.path;
    }
    const reach = innerSubtree(asked, scope.racePath);
    // A unit outside the race's: no unit matches an empty pattern, as every path starts with a slash.
    if (reach === false) return '';
    return reach === null ? null : subtreePattern(reach);
  }
}

function nonParticipant(row: Record<string, unknown>): NonParticipant {
  return {
    id: Number(row.id),
    staffCode: String(row.staff_code),
    fullName: String(row.full_name),
    unitId: Number(row.unit_id),
    unitName: String(row.unit_name),
  };
}
