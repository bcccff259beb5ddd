import { Injectable } from '@nestjs/common';
import { recordAudit } from '../audit/audit';
import { OrganiserPrincipal } from '../access/principal';
import { CATEGORY_NAMES, BoardsService, Scope } from '../boards/boards.service';
import { GroupTally, rankGroups, rollUp, turnout } from '../boards/board-rules';
import { firstRow, marks, rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { Cell, Sheet } from '../http/spreadsheet';
import { assertManages, subtreePattern } from '../org/scope';
import { innerSubtree, seesRace } from '../races/race-rules';
import { pageRanks } from '../scoring/ranking';
import * as sheets from './report-sheets';
import { change, ratePercent, roundTwo } from './report-rules';
import { ExportFormat, Figures, NonParticipant, ParticipationReport, QuestionResult } from './report-types';

export interface ReportScope {
  race?: number;
  round?: number;
  unitId?: number;
}

/** Rows read per query when an export walks a large table. */
const PAGE = 2_000;

/**
 * Reports for district leadership and organisers: turnout by unit and category (the same totals
 * as the boards), who has not played, and a round's results by person and by question.
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
    await this.recordExport('participation', format, { race: query.race, round: query.round, unitId: query.unitId }, by);
    return sheets.participation(report);
  }

  /** A page of the people in scope who have not answered anything in the race or round. */
  async nonParticipants(query: ReportScope, by: OrganiserPrincipal, limit: number, offset: number): Promise<{ total: number; items: NonParticipant[] }> {
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
    await this.recordExport('non_participants', format, { race: query.race, round: query.round, unitId: query.unitId }, by);
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

  /** A round's results: each participant (ranked) and each question, hardest first. */
  async roundResults(roundId: number, by: OrganiserPrincipal, limit: number, offset: number) {
    const round = await this.roundRow(roundId, by);
    const subtree = by.scopePath ? subtreePattern(by.scopePath) : '%';
    const total = await this.transactions.read(() =>
      firstRow<{ n: number }>(
        `SELECT COUNT(*) AS n FROM attempt a ${ATTEMPT_UNIT} WHERE a.round_id = ? AND a.answered > 0 AND u.path LIKE ?`,
        roundId,
        subtree,
      ),
    );
    const people = await this.transactions.read(() =>
      rows<Record<string, unknown>>(`${RESULT_SELECT} ORDER BY a.score DESC, a.id LIMIT ? OFFSET ?`, roundId, subtree, limit, offset),
    );
    // A page starts inside the ranking: its first rank is one more than the number of better scores.
    const firstScore = people.length ? Number(people[0].score) : 0;
    const better = await this.transactions.read(() =>
      firstRow<{ n: number }>(
        `SELECT COUNT(*) AS n FROM attempt a ${ATTEMPT_UNIT} WHERE a.round_id = ? AND a.answered > 0 AND u.path LIKE ? AND a.score > ?`,
        roundId,
        subtree,
        firstScore,
      ),
    );
    const participants = people.map(result);
    const ranks = pageRanks(
      participants.map((person) => person.score),
      offset,
      Number(better?.n ?? 0),
    );
    participants.forEach((person, i) => (person.rank = ranks[i]));
    return {
      roundId,
      raceId: Number(round.race_id),
      name: String(round.name),
      total: Number(total?.n ?? 0),
      participants,
      questions: await this.questionResults(roundId, subtree),
    };
  }

  async roundResultSheets(roundId: number, by: OrganiserPrincipal, format: ExportFormat): Promise<Sheet[]> {
    await this.roundRow(roundId, by);
    await this.recordExport('round_results', format, { round: roundId }, by);
    const subtree = by.scopePath ? subtreePattern(by.scopePath) : '%';
    const transactions = this.transactions;
    async function* people(): AsyncGenerator<Cell[]> {
      let position = 0;
      let rank = 0;
      let previous: number | null = null;
      let after: { score: number; id: number } | null = null;
      for (;;) {
        const page: Array<Record<string, unknown>> = await transactions.read(() =>
          rows<Record<string, unknown>>(
            `${RESULT_SELECT}${after ? ' AND (a.score < ? OR (a.score = ? AND a.id > ?))' : ''} ORDER BY a.score DESC, a.id LIMIT ?`,
            roundId,
            subtree,
            ...(after ? [after.score, after.score, after.id] : []),
            PAGE,
          ),
        );
        for (const person of page.map(result)) {
          position += 1;
          if (person.score !== previous) rank = position;
          previous = person.score;
          yield [rank, person.staffCode, person.fullName, person.unitName, person.score, person.correct, person.answered, roundTwo(person.timeMs / 1000)];
        }
        if (page.length < PAGE) return;
        const last = page[page.length - 1];
        after = { score: Number(last.score), id: Number(last.attempt_id) };
      }
    }
    return sheets.roundResults(people(), await this.questionResults(roundId, subtree));
  }

  /** Each question's figures over the answers of attempts made in `subtree` (a `LIKE` pattern; '%' for all). */
  private async questionResults(roundId: number, subtree: string): Promise<QuestionResult[]> {
    // A scoped organiser sees their units' answers only, never the round's whole figures.
    const [inSubtree, params] =
      subtree === '%'
        ? ['', []]
        : [` AND an.attempt_id IN (SELECT a.id FROM attempt a ${ATTEMPT_UNIT} WHERE a.round_id = ? AND u.path LIKE ?)`, [roundId, subtree]];
    const tallies = await this.transactions.read(() =>
      rows<Record<string, unknown>>(
        'SELECT an.question_id, q.text, COUNT(an.choice_ids) AS answered, SUM(CASE WHEN an.correct THEN 1 ELSE 0 END) AS correct, ' +
          'AVG(CASE WHEN an.choice_ids IS NOT NULL THEN an.response_ms END) AS average_ms, SUM(CASE WHEN an.choice_ids IS NULL THEN 1 ELSE 0 END) AS missed ' +
          `FROM answer an JOIN question q ON q.id = an.question_id WHERE an.round_id = ?${inSubtree} GROUP BY an.question_id, q.text`,
        roundId,
        ...params,
      ),
    );
    const wrong = await this.transactions.read(() =>
      rows<{ question_id: number; choice_ids: string; n: number }>(
        `SELECT question_id, choice_ids, COUNT(*) AS n FROM answer an WHERE round_id = ? AND correct = ? AND choice_ids IS NOT NULL${inSubtree} GROUP BY question_id, choice_ids`,
        roundId,
        false,
        ...params,
      ),
    );
    const ids = tallies.map((t) => Number(t.question_id));
    const choices = ids.length
      ? await this.transactions.read(() =>
          rows<{ id: number; text: string }>(`SELECT id, text FROM question_choice WHERE question_id IN (${marks(ids.length)})`, ...ids),
        )
      : [];
    const choiceText = new Map(choices.map((c) => [Number(c.id), c.text]));
    const worst = new Map<number, { choiceIds: number[]; count: number }>();
    for (const row of wrong) {
      const id = Number(row.question_id);
      const count = Number(row.n);
      const known = worst.get(id);
      if (!known || count > known.count) worst.set(id, { choiceIds: row.choice_ids.split(',').map(Number), count });
    }
    return tallies
      .map((t) => {
        const id = Number(t.question_id);
        const answered = Number(t.answered);
        const correct = Number(t.correct ?? 0);
        const mostWrong = worst.get(id);
        return {
          questionId: id,
          text: String(t.text),
          answered,
          correct,
          correctShare: answered ? correct / answered : 0,
          correctPercent: ratePercent(correct, answered),
          averageMs: Math.round(Number(t.average_ms ?? 0)),
          missed: Number(t.missed ?? 0),
          mostChosenWrong: mostWrong
            ? { choiceIds: mostWrong.choiceIds, text: mostWrong.choiceIds.map((c) => choiceText.get(c) ?? `#${c}`).join(' + '), count: mostWrong.count }
            : null,
        };
      })
      .sort((a, b) => a.correctShare - b.correctShare || b.answered - a.answered);
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

  /**
   * Names, staff codes and scores leaving the app in a file (Law 91/2025/QH15): who took which
   * list is recorded. A read changes nothing, so the audit row is its transaction's only write.
   */
  private async recordExport(report: string, format: ExportFormat, filters: Record<string, number | undefined>, by: OrganiserPrincipal): Promise<void> {
    const unit =
      filters.unitId === undefined
        ? undefined
        : await this.transactions.read(() => firstRow<{ path: string }>('SELECT path FROM unit WHERE id = ?', filters.unitId));
    await this.transactions.run((manager) =>
      recordAudit(manager, {
        action: 'export.personal_data',
        target: { kind: 'report', id: null, name: report },
        unitPath: unit?.path ?? by.scopePath,
        after: { report, format, ...filters },
      }),
    );
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

  /** A round the organiser may report on: its race is theirs or reaches their subtree. */
  private async roundRow(roundId: number, by: OrganiserPrincipal) {
    const round = await this.transactions.read(() =>
      firstRow<Record<string, unknown>>(
        'SELECT r.id, r.race_id, r.name, u.path AS race_path FROM round r JOIN race ra ON ra.id = r.race_id LEFT JOIN unit u ON u.id = ra.unit_id WHERE r.id = ?',
        roundId,
      ),
    );
    if (!round) throw Errors.notFound(What.round, roundId);
    if (!seesRace(by.scopePath, round.race_path as string | null)) throw Errors.outOfScope();
    return round;
  }
}

/** An attempt's participant and the unit it was played for (results follow the unit as of the attempt). */
const ATTEMPT_UNIT = 'JOIN participant p ON p.id = a.participant_id JOIN unit u ON u.id = COALESCE(a.unit_id, p.unit_id)';

const RESULT_SELECT =
  'SELECT a.id AS attempt_id, a.participant_id, p.staff_code, p.full_name, u.name AS unit_name, a.score, a.correct_count, a.answered, a.finished_at, ' +
  '(SELECT COALESCE(SUM(an.response_ms), 0) FROM answer an WHERE an.attempt_id = a.id AND an.choice_ids IS NOT NULL) AS time_ms ' +
  `FROM attempt a ${ATTEMPT_UNIT} WHERE a.round_id = ? AND a.answered > 0 AND u.path LIKE ?`;

function nonParticipant(row: Record<string, unknown>): NonParticipant {
  return {
    id: Number(row.id),
    staffCode: String(row.staff_code),
    fullName: String(row.full_name),
    unitId: Number(row.unit_id),
    unitName: String(row.unit_name),
  };
}

function result(row: Record<string, unknown>) {
  return {
    rank: 0,
    participantId: Number(row.participant_id),
    staffCode: String(row.staff_code),
    fullName: String(row.full_name),
    unitName: String(row.unit_name),
    score: Number(row.score),
    correct: Number(row.correct_count),
    answered: Number(row.answered),
    timeMs: Number(row.time_ms),
    finishedAt: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString(),
  };
}
