import { Injectable } from '@nestjs/common';
import { OrganiserPrincipal } from '../access/principal';
import type { PersonResult, QuestionResult, RoundResults } from '../contract/reports';
import { firstRow, marks, rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { Cell, Sheet } from '../http/spreadsheet';
import { subtreePattern } from '../org/scope';
import { seesRace } from '../races/race-rules';
import { pageRanks } from '../scoring/ranking';
import { recordExport } from './export-audit';
import * as sheets from './report-sheets';
import { EXPORT_PAGE as PAGE, ratePercent, roundTwo } from './report-rules';
import { ExportFormat } from './report-types';

/** A round's results for organisers: each participant ranked, each question's figures, in their subtree. */
@Injectable()
export class RoundResultsService {
  constructor(private readonly transactions: Transactions) {}

  /** A round's results: each participant (ranked) and each question, hardest first. */
  async roundResults(roundId: number, by: OrganiserPrincipal, limit: number, offset: number): Promise<RoundResults> {
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

  async sheets(roundId: number, by: OrganiserPrincipal, format: ExportFormat): Promise<Sheet[]> {
    await this.roundRow(roundId, by);
    await recordExport(this.transactions, 'round_results', format, { round: roundId }, by);
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

function result(row: Record<string, unknown>): PersonResult {
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
