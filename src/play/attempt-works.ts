import { ERRORS, ErrorCode, ErrorValues, errorText } from '../contract/errors';
import type { AnswerReply, AttemptView, PlayQuestion as QuestionView } from '../contract/play';
import { Work, changes, firstRow, marks, rows } from '../database/steps';
import { What } from '../http/errors';
import { drawableParams, drawableSql } from '../questions/question-rules';
import { playsIn } from '../races/race-rules';
import { answerPoints, nextStreak, streakBonus } from '../scoring/points';
import {
  QuestionType,
  choiceKey,
  choiceProblem,
  deadlineOf,
  expired,
  isCorrect,
  judgeTiming,
  parseIds,
  secondsLeft,
  shuffled,
} from './attempt-rules';
import { ChoiceHandles, attemptViewer, realChoices, servedChoices } from './choice-handles';

/**
 * What playing does to the database, as units of work (see database/steps.ts). Each work reads
 * what it needs, decides with the pure rules and writes; a refusal is returned, not thrown, so
 * what the work recorded before refusing (a missed question moving the attempt on) still commits.
 */

export interface Refusal {
  status: number;
  code: ErrorCode;
  vi: string;
  en: string;
  extra?: Record<string, unknown>;
}

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

export type Outcome<T> = { ok: true; value: T; created?: boolean; standing?: StandingChange } | { ok: false; refusal: Refusal };

const refuse = <C extends ErrorCode>(code: C, ...values: ErrorValues<C>): Outcome<never> => ({
  ok: false,
  refusal: { status: ERRORS[code].status, code, ...errorText(code, ...values) },
});

/** A refusal that also shows the question to answer now. */
const showingNext = (outcome: Outcome<never>, next: QuestionView | null): Outcome<never> =>
  outcome.ok ? outcome : { ok: false, refusal: { ...outcome.refusal, extra: { next } } };

/** The round as the play rules need it. Numbers come back as strings from PostgreSQL's bigint. */
interface RoundRow {
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

interface AttemptRow {
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
}

interface AttemptQuestionRow {
  question_id: number;
  choice_order: string;
  sent_at: string | number | null;
  deadline: string | number | null;
}

interface AnswerRow {
  choice_ids: string | null;
  correct: boolean | number;
  points: number;
  score_after: number;
  streak_after: number;
}

const ROUND_FIELDS =
  'race_id, status, mode, closes_at, seconds_per_question, speed_bonus, streak_bonus, reveal_answers, draw_count, draw_topic, ' +
  'live_position, live_question_id, live_sent_at, live_deadline';
const ATTEMPT_COLUMNS = 'id, round_id, participant_id, unit_id, clan_id, position, question_count, score, streak, answered, finished_at';
/** The participant's unit and clan now, as an attempt records them when it begins (parameter: the participant). */
const UNIT_NOW = '(SELECT unit_id FROM participant WHERE id = ?)';
const CLAN_NOW = '(SELECT clan_id FROM participant WHERE id = ?)';
const qualified = (alias: string, columns: string) => columns.split(', ').map((column) => `${alias}.${column}`).join(', ');
/** A round with the path of its race's unit (null for a district race): who may start an attempt. */
const ROUND_FOR_ENTRY =
  `SELECT r.id, ${qualified('r', ROUND_FIELDS)}, u.path AS race_path FROM round r JOIN race ra ON ra.id = r.race_id LEFT JOIN unit u ON u.id = ra.unit_id WHERE r.id = ?`;
/** What scoring an answer needs of its question: the type and each choice, one row per choice. */
type QuestionFacts = Array<{ type: QuestionType; id: number; correct: boolean | number }>;
interface FactRow {
  fact_type: QuestionType | null;
  fact_choice_id: number | null;
  fact_correct: boolean | number | null;
}
const FACT_COLUMNS = 'q.type AS fact_type, c.id AS fact_choice_id, c.correct AS fact_correct';
const factsOf = (found: FactRow[]): QuestionFacts =>
  found.flatMap((row) => (row.fact_choice_id === null ? [] : [{ type: row.fact_type!, id: row.fact_choice_id, correct: row.fact_correct! }]));

/**
 * An attempt with its round's columns beside it (the round's id is the attempt's round_id), the
 * question it is on (null for a live round's attempt, or past the last question) and that
 * question's facts, one row per choice: one read, as the answer path runs it for every answer.
 */
const ATTEMPT_ROUND_AND_SLOT =
  `SELECT ${qualified('a', ATTEMPT_COLUMNS)}, ${qualified('r', ROUND_FIELDS)}, ` +
  `aq.question_id AS slot_question_id, aq.choice_order AS slot_choice_order, aq.sent_at AS slot_sent_at, aq.deadline AS slot_deadline, ${FACT_COLUMNS} ` +
  'FROM attempt a JOIN round r ON r.id = a.round_id LEFT JOIN attempt_question aq ON aq.attempt_id = a.id AND aq.position = a.position ' +
  'LEFT JOIN question q ON q.id = aq.question_id LEFT JOIN question_choice c ON c.question_id = q.id WHERE a.id = ? ORDER BY c.position';

/**
 * A live answer's one read: the round, the participant's attempt (null columns when they have not
 * joined), their earlier answer to the question if any (prior_*) and the question's facts, one row
 * per choice. Parameters: participant, question, question, round.
 */
const LIVE_ANSWER_READ =
  `SELECT ${qualified('r', ROUND_FIELDS)}, ${qualified('a', ATTEMPT_COLUMNS)}, ` +
  'p.choice_ids AS prior_choice_ids, p.correct AS prior_correct, p.points AS prior_points, p.score_after AS prior_score_after, p.streak_after AS prior_streak_after, ' +
  `${FACT_COLUMNS} FROM round r LEFT JOIN attempt a ON a.round_id = r.id AND a.participant_id = ? ` +
  'LEFT JOIN answer p ON p.attempt_id = a.id AND p.question_id = ? LEFT JOIN question q ON q.id = ? LEFT JOIN question_choice c ON c.question_id = q.id ' +
  'WHERE r.id = ? ORDER BY c.position';


/** Open for answers at `now`: the status says open and the closing time has not come (a late job cannot stretch it). */
const isOpen = (round: RoundRow, now: number) => round.status === 'open' && (round.closes_at === null || Number(round.closes_at) > now);

const revealNow = (round: RoundRow) => round.reveal_answers === 'immediately' || round.status === 'closed';

/** Score and streak as the participant may see them: a rising score would tell which answers were right. */
const shownScore = (round: RoundRow, score: number, streak: number): { score: number; streak: number; scoresHeld?: true } =>
  revealNow(round) ? { score, streak } : { score: 0, streak: 0, scoresHeld: true };

export interface PlaySettings {
  graceMs: number;
  /** Choices are served and answered by per-attempt handles, never by their real ids. */
  handles: ChoiceHandles;
}

export class AttemptWorks {
  constructor(private readonly settings: PlaySettings) {}

  /** Starts the participant's attempt at a window round, or resumes the one they have. */
  *start(roundId: number, participantId: number, now: number): Work<Outcome<AttemptView>> {
    const round = yield* firstRow<RoundRow & RaceReach>(ROUND_FOR_ENTRY, roundId);
    if (!round) return refuse('NOT_FOUND', What.round, roundId);
    const existing = yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE round_id = ? AND participant_id = ?`, roundId, participantId);
    if (existing) return { ok: true, created: false, value: (yield* this.catchUp(existing, round, now)).view };
    if (!(yield* playsInRace(round, participantId))) return notInRace();
    if (round.mode !== 'window') {
      return refuse('LIVE_ROUND', 'joining');
    }
    if (!isOpen(round, now)) return roundNotOpen(round);

    const questionIds = round.draw_count
      ? (yield* rows<{ id: number }>(
          `SELECT q.id FROM question q WHERE q.retired_at IS NULL${round.draw_topic ? ' AND q.topic = ?' : ''}` +
            `${round.race_path === null ? '' : ` AND ${drawableSql('q')}`} ORDER BY RANDOM() LIMIT ?`,
          ...(round.draw_topic ? [round.draw_topic] : []),
          ...(round.race_path === null ? [] : drawableParams(round.race_path)),
          round.draw_count,
        )).map((row) => row.id)
      : (yield* rows<{ question_id: number }>('SELECT question_id FROM round_question WHERE round_id = ? ORDER BY position', roundId)).map((row) => row.question_id);
    if (!questionIds.length) return refuse('NO_QUESTIONS');
    const choices = yield* rows<{ id: number; question_id: number }>(
      `SELECT id, question_id FROM question_choice WHERE question_id IN (${marks(questionIds.length)})`,
      ...questionIds,
    );

    const [inserted] = yield* rows<{ id: number }>(
      `INSERT INTO attempt (round_id, participant_id, unit_id, clan_id, position, question_count, score, streak, answered, correct_count, started_at, finished_at, updated_at) ` +
        `VALUES (?, ?, ${UNIT_NOW}, ${CLAN_NOW}, 0, ?, 0, 0, 0, 0, ?, NULL, ?) RETURNING id`,
      roundId,
      participantId,
      participantId,
      participantId,
      questionIds.length,
      now,
      now,
    );
    const values: unknown[] = [];
    questionIds.forEach((questionId, position) => {
      const order = shuffled(choices.filter((choice) => choice.question_id === questionId).map((choice) => choice.id));
      const sent = position === 0;
      values.push(inserted.id, position, questionId, order.join(','), sent ? now : null, sent ? deadlineOf(now, round.seconds_per_question) : null);
    });
    yield* changes(
      `INSERT INTO attempt_question (attempt_id, position, question_id, choice_order, sent_at, deadline) VALUES ${questionIds.map(() => `(${marks(6)})`).join(', ')}`,
      ...values,
    );
    const attempt = (yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE id = ?`, inserted.id))!;
    return { ok: true, created: true, value: yield* this.view(attempt, round, now) };
  }

  /** The attempt as it stands, after moving past a question whose time ran out. */
  *current(attemptId: number, participantId: number, now: number): Work<Outcome<AttemptView>> {
    const found = yield* this.attemptOf(attemptId, participantId);
    if (!found.ok) return found;
    const { attempt, round } = found.value;
    return { ok: true, value: (yield* this.catchUp(attempt, round, now)).view };
  }

  /** Stores one window answer exactly once and moves the attempt on. */
  *answer(attemptId: number, participantId: number, questionId: number, chosen: number[], receivedAt: number): Work<Outcome<AnswerReply>> {
    const found = yield* this.attemptOf(attemptId, participantId);
    if (!found.ok) return found;
    const { attempt: before, round, slot: current, facts } = found.value;
    if (round.mode !== 'window') return refuse('LIVE_ROUND', 'answering');
    // The phone speaks the attempt's handles; from here on, real ids. The question on now was read with the attempt.
    const onSlot = current !== null && Number(current.question_id) === questionId;
    const choiceIds = onSlot ? facts.map((fact) => Number(fact.id)) : yield* this.choiceIdsOf(questionId);
    chosen = realChoices(this.settings.handles.of(attemptViewer(before.id), questionId, choiceIds), chosen);
    // The usual case, checked with one read: the attempt is on this question, in time, in an open
    // round. Then nothing is stored for the question yet: storing an answer or a miss moves the
    // attempt past it in the same transaction.
    if (before.finished_at === null && isOpen(round, receivedAt)) {
      const slot = current!;
      if (Number(slot.question_id) === questionId && !expired(receivedAt, Number(slot.deadline), this.settings.graceMs)) {
        return yield* this.store(round, before, {
          questionId,
          chosen,
          offered: parseIds(slot.choice_order),
          sentAt: Number(slot.sent_at),
          deadline: Number(slot.deadline),
          receivedAt,
          position: before.position,
        }, facts);
      }
    }
    // Otherwise: the same answer again, a miss to record first, a finished attempt or another question.
    const repeated = yield* this.repeatedAnswer(yield* this.priorAnswer(before.id, questionId), before, round, chosen, receivedAt);
    if (repeated) return repeated;

    const { view, missed } = yield* this.catchUp(before, round, receivedAt);
    if (missed !== undefined) {
      // Time and grace ran out before this answer came: the question was recorded as missed.
      return showingNext(refuse('DEADLINE_PASSED'), view.question);
    }
    if (view.finished) {
      return isOpen(round, receivedAt)
        ? refuse('ATTEMPT_FINISHED')
        : refuse('ROUND_CLOSED', 'answering');
    }
    if (view.question!.id !== questionId) {
      return showingNext(refuse('NOT_CURRENT_QUESTION', 'window'), view.question);
    }
    const slot = (yield* this.slotAt(attemptId, before.position))!;
    const sentAt = Number(slot.sent_at);
    const deadline = Number(slot.deadline);
    return yield* this.store(round, before, { questionId, chosen, offered: parseIds(slot.choice_order), sentAt, deadline, receivedAt, position: before.position });
  }

  /** Joins a live round: the participant's attempt (made on first join) and the question on now. */
  *joinLive(roundId: number, participantId: number, now: number): Work<Outcome<AttemptView>> {
    const round = yield* firstRow<RoundRow & RaceReach>(ROUND_FOR_ENTRY, roundId);
    if (!round) return refuse('NOT_FOUND', What.round, roundId);
    if (round.mode !== 'live') return refuse('WINDOW_ROUND');
    let attempt = yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE round_id = ? AND participant_id = ?`, roundId, participantId);
    const created = !attempt;
    if (!attempt) {
      if (!(yield* playsInRace(round, participantId))) return notInRace();
      if (!isOpen(round, now)) return roundNotOpen(round);
      const [{ count }] = yield* rows<{ count: number | string }>('SELECT COUNT(*) AS count FROM round_question WHERE round_id = ?', roundId);
      const [inserted] = yield* rows<{ id: number }>(
        `INSERT INTO attempt (round_id, participant_id, unit_id, clan_id, position, question_count, score, streak, answered, correct_count, started_at, finished_at, updated_at) ` +
          `VALUES (?, ?, ${UNIT_NOW}, ${CLAN_NOW}, -1, ?, 0, 0, 0, 0, ?, NULL, ?) RETURNING id`,
        roundId,
        participantId,
        participantId,
        participantId,
        round.draw_count ?? Number(count),
        now,
        now,
      );
      attempt = (yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE id = ?`, inserted.id))!;
    }
    return { ok: true, created, value: yield* this.liveView(attempt, round, now) };
  }

  /** Stores one live answer exactly once: the round's clock, the round's current question. */
  *answerLive(roundId: number, participantId: number, questionId: number, chosen: number[], receivedAt: number): Work<Outcome<AnswerReply>> {
    type Found = Omit<RoundRow, 'id'> & { [K in keyof AttemptRow]: AttemptRow[K] | null } & { [K in keyof AnswerRow as `prior_${K}`]: AnswerRow[K] | null } & FactRow;
    const found = yield* rows<Found>(LIVE_ANSWER_READ, participantId, questionId, questionId, roundId);
    if (!found.length) return refuse('NOT_FOUND', What.round, roundId);
    const [first] = found;
    const round: RoundRow = { ...first, id: roundId };
    if (round.mode !== 'live') return refuse('WINDOW_ROUND');
    if (first.id === null) return refuse('NOT_JOINED');
    const attempt = first as AttemptRow;
    const facts = factsOf(found);
    // Each phone answers with its own handles (see LiveRoundsService.serve); stored and compared as real ids.
    chosen = realChoices(this.settings.handles.of(attemptViewer(attempt.id), questionId, facts.map((fact) => Number(fact.id))), chosen);
    const prior =
      first.prior_correct === null
        ? undefined
        : { choice_ids: first.prior_choice_ids, correct: first.prior_correct, points: first.prior_points!, score_after: first.prior_score_after!, streak_after: first.prior_streak_after! };
    const repeated = yield* this.repeatedAnswer(prior, attempt, round, chosen, receivedAt);
    if (repeated) return repeated;
    if (!isOpen(round, receivedAt)) return roundNotOpen(round);
    if (round.live_question_id !== questionId || round.live_position === null) {
      return refuse('NOT_CURRENT_QUESTION', 'live');
    }
    const sentAt = Number(round.live_sent_at);
    const deadline = Number(round.live_deadline);
    // A question skipped (joined late, no answer) breaks the streak.
    const row = { ...attempt, streak: attempt.position === round.live_position - 1 ? attempt.streak : 0 };
    // Everyone in a live round is offered every choice of the question.
    return yield* this.store(round, row, { questionId, chosen, offered: 'all', sentAt, deadline, receivedAt, position: round.live_position }, facts);
  }

  /** Finishes every attempt still open in a closed round, with what was answered. */
  *finishRound(roundId: number, now: number): Work<number> {
    return yield* changes('UPDATE attempt SET finished_at = ?, updated_at = ? WHERE round_id = ? AND finished_at IS NULL', now, now, roundId);
  }

  private *store(
    round: RoundRow,
    attempt: AttemptRow,
    answer: { questionId: number; chosen: number[]; offered: number[] | 'all'; sentAt: number; deadline: number; receivedAt: number; position: number },
    known?: QuestionFacts,
  ): Work<Outcome<AnswerReply>> {
    const { questionId, chosen, receivedAt } = answer;
    const timing = judgeTiming(receivedAt, answer.sentAt, answer.deadline, this.settings.graceMs);
    if (!timing.inTime) return refuse('DEADLINE_PASSED');
    // Read with the attempt on the usual paths; otherwise the question's type and choices in one statement.
    const facts =
      known ??
      (yield* rows<QuestionFacts[number]>(
        'SELECT q.type, c.id, c.correct FROM question q JOIN question_choice c ON c.question_id = q.id WHERE q.id = ? ORDER BY c.position',
        questionId,
      ));
    const offered = answer.offered === 'all' ? facts.map((choice) => Number(choice.id)) : answer.offered;
    const problem = choiceProblem(facts[0].type, chosen, offered);
    if (problem) return refuse('INVALID_CHOICE', problem);
    const correctIds = facts.filter((choice) => !!choice.correct).map((choice) => Number(choice.id));

    const correct = isCorrect(chosen, correctIds);
    const settings = { speedBonus: !!round.speed_bonus, streakBonus: !!round.streak_bonus };
    const streak = nextStreak(attempt.streak, correct);
    const points = answerPoints(correct, timing.responseMs, answer.deadline - answer.sentAt, settings) + (correct ? streakBonus(streak, settings) : 0);
    const score = attempt.score + points;
    // Points a moving score would give away stay off the boards until the round closes (see settleScores).
    const counted = revealNow(round) ? { points, correct } : { points: 0, correct: false };
    const live = round.mode === 'live';
    const nextPosition = live ? answer.position : answer.position + 1;
    const finished = !live && nextPosition >= attempt.question_count;
    const now = Math.max(Date.now(), receivedAt);

    const stored = yield* rows<{ id: number }>(
      'INSERT INTO answer (attempt_id, question_id, round_id, participant_id, choice_ids, correct, points, response_ms, score_after, streak_after, received_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id, question_id) DO NOTHING RETURNING id',
      attempt.id,
      questionId,
      round.id,
      attempt.participant_id,
      choiceKey(chosen),
      correct,
      points,
      timing.responseMs,
      score,
      streak,
      receivedAt,
    );
    // Only a concurrent transaction on PostgreSQL can get here first; Transactions runs the work again.
    if (!stored.length) throw new ConcurrentAnswer();
    const moved = yield* changes(
      'UPDATE attempt SET position = ?, score = ?, streak = ?, answered = answered + 1, correct_count = correct_count + ?, finished_at = ?, updated_at = ? ' +
        'WHERE id = ? AND position = ?',
      nextPosition,
      score,
      streak,
      correct ? 1 : 0,
      finished ? now : null,
      now,
      attempt.id,
      live ? attempt.position : answer.position,
    );
    if (!moved) throw new ConcurrentAnswer();
    let next: QuestionView | null = null;
    if (!live && !finished) {
      const deadline = deadlineOf(now, round.seconds_per_question);
      yield* changes('UPDATE attempt_question SET sent_at = ?, deadline = ? WHERE attempt_id = ? AND position = ?', now, deadline, attempt.id, nextPosition);
      next = yield* this.windowQuestion(attempt.id, nextPosition, attempt.question_count, now);
    }
    // The standings last: a unit's and a clan's totals are rows every answer of the unit updates,
    // so their locks (PostgreSQL) are held only from here to the commit.
    // The person's race total; its unit and clan are those of their first attempt in the race.
    const [standing] = yield* rows<{ unit_id: number; clan_id: number | null; answered: number; score: number }>(
      'INSERT INTO race_standing (race_id, participant_id, unit_id, clan_id, score, answered, correct_count, rounds_played, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, 1, ?) ' +
        'ON CONFLICT (race_id, participant_id) DO UPDATE SET score = race_standing.score + excluded.score, answered = race_standing.answered + 1, ' +
        'correct_count = race_standing.correct_count + excluded.correct_count, rounds_played = race_standing.rounds_played + ?, updated_at = excluded.updated_at ' +
        'RETURNING unit_id, clan_id, answered, score',
      round.race_id,
      attempt.participant_id,
      attempt.unit_id,
      attempt.clan_id,
      counted.points,
      counted.correct ? 1 : 0,
      now,
      attempt.answered === 0 ? 1 : 0,
    );
    // The unit's and clan's totals for the race and the round, those the attempt began in; a
    // participant counts once in each, also when they moved between rounds.
    const groups: unknown[][] = [];
    for (const [kind, groupId, first] of [['unit', attempt.unit_id, standing.unit_id], ['clan', attempt.clan_id, standing.clan_id]] as const) {
      if (groupId === null) continue;
      const newInRace = Number(standing.answered) === 1 || (attempt.answered === 0 && groupId !== first && !(yield* this.playedAs(round.race_id, attempt, kind, groupId)));
      groups.push(['race', round.race_id, kind, groupId, newInRace ? 1 : 0, counted.points, now]);
      groups.push(['round', round.id, kind, groupId, attempt.answered === 0 ? 1 : 0, counted.points, now]);
    }
    yield* changes(
      `INSERT INTO group_standing (scope, scope_id, group_kind, group_id, participants, score, updated_at) VALUES ${groups.map(() => `(${marks(7)})`).join(', ')} ` +
        'ON CONFLICT (scope, scope_id, group_kind, group_id) DO UPDATE SET participants = group_standing.participants + excluded.participants, ' +
        'score = group_standing.score + excluded.score, updated_at = excluded.updated_at',
      ...groups.flat(),
    );
    const reveal = revealNow(round);
    return {
      ok: true,
      value: { accepted: true, ...(reveal ? { correct, points } : {}), ...shownScore(round, score, streak), next, finished },
      standing: {
        raceId: round.race_id,
        roundId: round.id,
        participantId: attempt.participant_id,
        roundScore: reveal ? score : 0,
        raceScore: Number(standing.score),
        unitId: attempt.unit_id,
        clanId: attempt.clan_id,
      },
    };
  }

  /**
   * Whether the participant already answered in the race while in this unit (or clan), in another
   * attempt: only asked of someone who moved since their first attempt in the race.
   */
  private *playedAs(raceId: number, attempt: AttemptRow, kind: 'unit' | 'clan', groupId: number): Work<boolean> {
    const column = kind === 'unit' ? 'a.unit_id' : 'a.clan_id';
    return !!(yield* firstRow(
      `SELECT a.id FROM attempt a JOIN round r ON r.id = a.round_id WHERE r.race_id = ? AND a.participant_id = ? AND ${column} = ? AND a.answered > 0 AND a.id <> ?`,
      raceId,
      attempt.participant_id,
      groupId,
      attempt.id,
    ));
  }

  private *priorAnswer(attemptId: number, questionId: number): Work<AnswerRow | undefined> {
    return yield* firstRow<AnswerRow>('SELECT choice_ids, correct, points, score_after, streak_after FROM answer WHERE attempt_id = ? AND question_id = ?', attemptId, questionId);
  }

  /** The same answer again gets the first reply; a different one is refused. Null: not answered yet. */
  private *repeatedAnswer(prior: AnswerRow | undefined, attempt: AttemptRow, round: RoundRow, chosen: number[], now: number): Work<Outcome<AnswerReply> | null> {
    if (!prior) return null;
    if (prior.choice_ids === null) return refuse('DEADLINE_PASSED');
    if (prior.choice_ids !== choiceKey(chosen)) {
      return refuse('ANSWER_CONFLICT');
    }
    const view = round.mode === 'live' ? yield* this.liveView(attempt, round, now) : yield* this.view(attempt, round, now);
    const reveal = revealNow(round);
    return {
      ok: true,
      value: {
        accepted: true,
        ...(reveal ? { correct: !!prior.correct, points: prior.points } : {}),
        ...shownScore(round, prior.score_after, prior.streak_after),
        next: round.mode === 'live' ? null : view.question,
        finished: view.finished,
      },
    };
  }

  private *attemptOf(
    attemptId: number,
    participantId: number,
  ): Work<Outcome<{ attempt: AttemptRow; round: RoundRow; slot: AttemptQuestionRow | null; facts: QuestionFacts }>> {
    type Found = AttemptRow & Omit<RoundRow, 'id'> & { [K in keyof AttemptQuestionRow as `slot_${K}`]: AttemptQuestionRow[K] | null } & FactRow;
    const all = yield* rows<Found>(ATTEMPT_ROUND_AND_SLOT, attemptId);
    const found = all[0];
    // Someone else's attempt is as good as missing: ids are not secrets, but attempts are private.
    if (!found || found.participant_id !== participantId) return refuse('NOT_FOUND', What.attempt, attemptId);
    const slot =
      found.slot_question_id === null ? null : { question_id: found.slot_question_id, choice_order: found.slot_choice_order!, sent_at: found.slot_sent_at, deadline: found.slot_deadline };
    return { ok: true, value: { attempt: found, round: { ...found, id: found.round_id }, slot, facts: factsOf(all) } };
  }

  /**
   * Brings a window attempt up to the clock: finished when its round has closed; a question whose
   * time and grace ran out is recorded as missed (0 points, streak broken) and the next one is
   * sent now. At most one question moves per call: the next question's clock starts now.
   */
  private *catchUp(attempt: AttemptRow, round: RoundRow, now: number): Work<{ view: AttemptView; missed?: number }> {
    if (round.mode === 'live') return { view: yield* this.liveView(attempt, round, now) };
    if (attempt.finished_at !== null) return { view: yield* this.view(attempt, round, now) };
    if (!isOpen(round, now)) {
      yield* changes('UPDATE attempt SET finished_at = ?, updated_at = ? WHERE id = ? AND finished_at IS NULL', now, now, attempt.id);
      return { view: yield* this.view({ ...attempt, finished_at: now }, round, now) };
    }
    const slot = (yield* this.slotAt(attempt.id, attempt.position))!;
    if (!expired(now, Number(slot.deadline), this.settings.graceMs)) return { view: yield* this.view(attempt, round, now) };
    const position = attempt.position + 1;
    const finished = position >= attempt.question_count;
    // Recorded at the deadline, the moment it was missed, whenever the server noticed.
    yield* changes(
      'INSERT INTO answer (attempt_id, question_id, round_id, participant_id, choice_ids, correct, points, response_ms, score_after, streak_after, received_at) ' +
        'VALUES (?, ?, ?, ?, NULL, ?, 0, NULL, ?, 0, ?) ON CONFLICT (attempt_id, question_id) DO NOTHING',
      attempt.id,
      slot.question_id,
      round.id,
      attempt.participant_id,
      false,
      attempt.score,
      Number(slot.deadline),
    );
    yield* changes(
      'UPDATE attempt SET position = ?, streak = 0, finished_at = ?, updated_at = ? WHERE id = ? AND position = ?',
      position,
      finished ? now : null,
      now,
      attempt.id,
      attempt.position,
    );
    if (!finished) {
      yield* changes(
        'UPDATE attempt_question SET sent_at = ?, deadline = ? WHERE attempt_id = ? AND position = ?',
        now,
        deadlineOf(now, round.seconds_per_question),
        attempt.id,
        position,
      );
    }
    return { view: yield* this.view({ ...attempt, position, streak: 0, finished_at: finished ? now : null }, round, now), missed: slot.question_id };
  }

  private *view(attempt: AttemptRow, round: RoundRow, now: number): Work<AttemptView> {
    const finished = attempt.finished_at !== null;
    return {
      attemptId: attempt.id,
      roundId: attempt.round_id,
      ...shownScore(round, attempt.score, attempt.streak),
      answered: attempt.answered,
      finished,
      question: finished ? null : yield* this.windowQuestion(attempt.id, attempt.position, attempt.question_count, now),
    };
  }

  private *liveView(attempt: AttemptRow, round: RoundRow, now: number): Work<AttemptView> {
    const finished = attempt.finished_at !== null || round.status === 'closed';
    const onNow = !finished && round.live_question_id !== null && !expired(now, Number(round.live_deadline), this.settings.graceMs);
    return {
      attemptId: attempt.id,
      roundId: attempt.round_id,
      ...shownScore(round, attempt.score, attempt.streak),
      answered: attempt.answered,
      finished,
      question: onNow ? yield* this.liveQuestion(round, attempt.id, now) : null,
    };
  }

  private *choiceIdsOf(questionId: number): Work<number[]> {
    return (yield* rows<{ id: number }>('SELECT id FROM question_choice WHERE question_id = ?', questionId)).map((row) => Number(row.id));
  }

  private *slotAt(attemptId: number, position: number): Work<AttemptQuestionRow | undefined> {
    return yield* firstRow<AttemptQuestionRow>(
      'SELECT question_id, choice_order, sent_at, deadline FROM attempt_question WHERE attempt_id = ? AND position = ?',
      attemptId,
      position,
    );
  }

  /** The attempt's question at `position`, its choices in the attempt's order, in one statement. */
  private *windowQuestion(attemptId: number, position: number, count: number, now: number): Work<QuestionView> {
    const found = yield* rows<QuestionRow & { choice_order: string; deadline: string | number }>(
      `SELECT aq.choice_order, aq.deadline, ${QUESTION_COLUMNS} FROM attempt_question aq JOIN question q ON q.id = aq.question_id ` +
        'LEFT JOIN question_choice c ON c.question_id = q.id WHERE aq.attempt_id = ? AND aq.position = ? ORDER BY c.position',
      attemptId,
      position,
    );
    const real = toQuestionView(found, position, count, Number(found[0].deadline), now);
    return this.served(real, attemptId, parseIds(found[0].choice_order));
  }

  /** The live question on now, as the attempt's phone is sent it (its handles, its order). */
  *liveQuestion(round: RoundRow, attemptId: number, now: number): Work<QuestionView> {
    const [{ count }] = yield* rows<{ count: number | string }>('SELECT COUNT(*) AS count FROM round_question WHERE round_id = ?', round.id);
    const real = yield* questionView(round.live_question_id!, round.live_position!, Number(count), Number(round.live_deadline), now);
    return this.served(real, attemptId, null);
  }

  /** A question with the attempt's handles for its choices; `order` (real ids) null: ordered by handle. */
  private served(question: QuestionView, attemptId: number, order: number[] | null): QuestionView {
    const handles = this.settings.handles.of(attemptViewer(attemptId), question.id, question.choices.map((choice) => choice.id));
    return { ...question, choices: servedChoices(question.choices, handles, order) };
  }
}

/**
 * A question with its real choice ids in the bank's order: for the server only (live sends serve
 * it to each viewer with that viewer's handles). Never a correct flag.
 */
export function* questionView(questionId: number, index: number, count: number, deadline: number, now: number): Work<QuestionView> {
  const found = yield* rows<QuestionRow>(
    `SELECT ${QUESTION_COLUMNS} FROM question q LEFT JOIN question_choice c ON c.question_id = q.id WHERE q.id = ? ORDER BY c.position`,
    questionId,
  );
  return toQuestionView(found, index, count, deadline, now);
}

/** A question and its choices, one row per choice (a question without choices: one row, choice null). */
interface QuestionRow {
  question_id: number;
  type: QuestionType;
  text: string;
  choice_id: number | null;
  choice_text: string | null;
}

const QUESTION_COLUMNS = 'q.id AS question_id, q.type, q.text, c.id AS choice_id, c.text AS choice_text';

function toQuestionView(found: QuestionRow[], index: number, count: number, deadline: number, now: number): QuestionView {
  const [question] = found;
  const choices = found.flatMap((row) => (row.choice_id === null ? [] : [{ id: Number(row.choice_id), text: row.choice_text! }]));
  return {
    id: Number(question.question_id),
    index,
    count,
    type: question.type,
    text: question.text,
    choices,
    deadline: new Date(deadline).toISOString(),
    // A request that waited behind the one that sent the question must not see more time than it had.
    secondsLeft: secondsLeft(Math.max(now, Date.now()), deadline),
  };
}

/** Thrown inside a work when a concurrent transaction stored the same answer first (PostgreSQL). */
export class ConcurrentAnswer extends Error {
  readonly driverError = { code: '40001' };
}

interface RaceReach {
  race_path: string | null;
}

/** A district race is everyone's; a unit's race is its subtree's, where the participant is now. */
function* playsInRace(round: RaceReach, participantId: number): Work<boolean> {
  if (round.race_path === null) return true;
  const own = yield* firstRow<{ path: string }>('SELECT u.path FROM participant p JOIN unit u ON u.id = p.unit_id WHERE p.id = ?', participantId);
  return !!own && playsIn(own.path, round.race_path);
}

function notInRace(): Outcome<never> {
  return refuse('NOT_IN_RACE');
}

function roundNotOpen(round: RoundRow): Outcome<never> {
  return round.status === 'closed' || round.status === 'open'
    ? refuse('ROUND_CLOSED', 'joining')
    : refuse('ROUND_NOT_OPEN', 'participant');
}
