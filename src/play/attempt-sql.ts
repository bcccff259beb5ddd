import { Work, firstRow } from '../database/steps';
import { playsIn } from '../races/race-rules';
import { QuestionType } from './attempt-rules';

/** The SQL text of the answer path and the rows it reads. Numbers come back as strings from PostgreSQL's bigint. */

/** The round as the play rules need it. */
export interface RoundRow {
  id: number;
  race_id: number;
  status: string;
  mode: string;
  closes_at: string | number | null;
  seconds_per_question: number;
  speed_bonus: boolean | number;
  streak_bonus: boolean | number;
  reveal_answers: string;
  draw_count: number | null;
  draw_topic: string | null;
  live_position: number | null;
  live_question_id: number | null;
  live_sent_at: string | number | null;
  live_deadline: string | number | null;
}

export interface AttemptRow {
  id: number;
  round_id: number;
  participant_id: number;
  /** The participant's unit and clan when the attempt began; its points and players count there. */
  unit_id: number;
  clan_id: number | null;
  position: number;
  question_count: number;
  score: number;
  streak: number;
  answered: number;
  finished_at: string | number | null;
  /** The participant's time per question when the attempt began, in per cent (see time-rules). */
  time_percent: number;
}

export interface AttemptQuestionRow {
  question_id: number;
  choice_order: string;
  sent_at: string | number | null;
  deadline: string | number | null;
}

export interface AnswerRow {
  choice_ids: string | null;
  correct: boolean | number;
  points: number;
  score_after: number;
  streak_after: number;
}

/** The path of the race's unit: null for a district race. */
export interface RaceReach {
  race_path: string | null;
}

const ROUND_FIELDS =
  'race_id, status, mode, closes_at, seconds_per_question, speed_bonus, streak_bonus, reveal_answers, draw_count, draw_topic, ' +
  'live_position, live_question_id, live_sent_at, live_deadline';
export const ATTEMPT_COLUMNS = 'id, round_id, participant_id, unit_id, clan_id, position, question_count, score, streak, answered, finished_at, time_percent';
/** The participant's unit and clan now, as an attempt records them when it begins (parameter: the participant). */
export const UNIT_NOW = '(SELECT unit_id FROM participant WHERE id = ?)';
export const CLAN_NOW = '(SELECT clan_id FROM participant WHERE id = ?)';
export const TIME_NOW = '(SELECT time_percent FROM participant WHERE id = ?)';
const qualified = (alias: string, columns: string) =>
  columns
    .split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');
/** A round with the path of its race's unit (null for a district race): who may start an attempt. */
export const ROUND_FOR_ENTRY = `SELECT r.id, ${qualified('r', ROUND_FIELDS)}, u.path AS race_path FROM round r JOIN race ra ON ra.id = r.race_id LEFT JOIN unit u ON u.id = ra.unit_id WHERE r.id = ?`;
/** What scoring an answer needs of its question: the type and each choice, one row per choice. */
export type QuestionFacts = Array<{ type: QuestionType; id: number; correct: boolean | number }>;
export interface FactRow {
  fact_type: QuestionType | null;
  fact_choice_id: number | null;
  fact_correct: boolean | number | null;
}
const FACT_COLUMNS = 'q.type AS fact_type, c.id AS fact_choice_id, c.correct AS fact_correct';
export const factsOf = (found: FactRow[]): QuestionFacts =>
  found.flatMap((row) => (row.fact_choice_id === null ? [] : [{ type: row.fact_type!, id: row.fact_choice_id, correct: row.fact_correct! }]));

/**
 * An attempt with its round's columns beside it (the round's id is the attempt's round_id), the
 * question it is on (null for a live round's attempt, or past the last question) and that
 * question's facts, one row per choice: one read, as the answer path runs it for every answer.
 */
export const ATTEMPT_ROUND_AND_SLOT =
  `SELECT ${qualified('a', ATTEMPT_COLUMNS)}, ${qualified('r', ROUND_FIELDS)}, ` +
  `aq.question_id AS slot_question_id, aq.choice_order AS slot_choice_order, aq.sent_at AS slot_sent_at, aq.deadline AS slot_deadline, ${FACT_COLUMNS} ` +
  'FROM attempt a JOIN round r ON r.id = a.round_id LEFT JOIN attempt_question aq ON aq.attempt_id = a.id AND aq.position = a.position ' +
  'LEFT JOIN question q ON q.id = aq.question_id LEFT JOIN question_choice c ON c.question_id = q.id WHERE a.id = ? ORDER BY c.position';

/**
 * A live answer's one read: the round, the participant's attempt (null columns when they have not
 * joined), their earlier answer to the question if any (prior_*) and the question's facts, one row
 * per choice. Parameters: participant, question, question, round.
 */
export const LIVE_ANSWER_READ =
  `SELECT ${qualified('r', ROUND_FIELDS)}, ${qualified('a', ATTEMPT_COLUMNS)}, ` +
  'p.choice_ids AS prior_choice_ids, p.correct AS prior_correct, p.points AS prior_points, p.score_after AS prior_score_after, p.streak_after AS prior_streak_after, ' +
  `${FACT_COLUMNS} FROM round r LEFT JOIN attempt a ON a.round_id = r.id AND a.participant_id = ? ` +
  'LEFT JOIN answer p ON p.attempt_id = a.id AND p.question_id = ? LEFT JOIN question q ON q.id = ? LEFT JOIN question_choice c ON c.question_id = q.id ' +
  'WHERE r.id = ? ORDER BY c.position';

/** A question and its choices, one row per choice (a question without choices: one row, choice null). */
export interface QuestionRow {
  question_id: number;
  type: QuestionType;
  text: string;
  choice_id: number | null;
  choice_text: string | null;
}

export const QUESTION_COLUMNS = 'q.id AS question_id, q.type, q.text, c.id AS choice_id, c.text AS choice_text';

/** A district race is everyone's; a unit's race is its subtree's, where the participant is now. */
export function* playsInRace(round: RaceReach, participantId: number): Work<boolean> {
  if (round.race_path === null) return true;
  const own = yield* firstRow<{ path: string }>('SELECT u.path FROM participant p JOIN unit u ON u.id = p.unit_id WHERE p.id = ?', participantId);
  return !!own && playsIn(own.path, round.race_path);
}
