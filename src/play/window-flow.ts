import { Work, changes, firstRow, marks, rows } from '../database/steps';
import { drawableParams, drawableSql } from '../questions/question-rules';
import type { AnswerReply, AttemptView } from '../contract/play';
import { Outcome } from './outcome';
import { expired, isOpen, parseIds, shuffled } from './attempt-rules';
import { personalDeadline } from '../scoring/time-rules';
import {
  ATTEMPT_COLUMNS,
  ATTEMPT_ROUND_AND_SLOT,
  AnswerRow,
  AttemptQuestionRow,
  AttemptRow,
  CLAN_NOW,
  FactRow,
  QuestionFacts,
  ROUND_FOR_ENTRY,
  RaceReach,
  RoundRow,
  UNIT_NOW,
  factsOf,
  playsInRace,
} from './attempt-sql';
import { AttemptViews, PlaySettings } from './attempt-views';
import { AnswerWriter } from './answer-writer';
import { attemptViewer, realChoices } from './choice-handles';
import {
  attemptFinished,
  closedToAnswers,
  deadlinePassed,
  liveRound,
  noAttempt,
  noQuestions,
  noRound,
  notCurrentQuestion,
  notInRace,
  roundNotOpen,
} from './refusals';

/**
 * A window round, as units of work (see docs/works.md): each participant starts their own attempt
 * and answers its questions one by one, each on its own clock.
 */
export class WindowWorks {
  constructor(
    private readonly settings: PlaySettings,
    private readonly views: AttemptViews,
    private readonly writer: AnswerWriter,
  ) {}

  /** Starts the participant's attempt at a window round, or resumes the one they have. */
  *start(roundId: number, participantId: number, now: number): Work<Outcome<AttemptView>> {
    const round = yield* firstRow<RoundRow & RaceReach>(ROUND_FOR_ENTRY, roundId);
    if (!round) return noRound(roundId);
    const existing = yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE round_id = ? AND participant_id = ?`, roundId, participantId);
    if (existing) return { ok: true, created: false, value: (yield* this.catchUp(existing, round, now)).view };
    if (!(yield* playsInRace(round, participantId))) return notInRace();
    if (round.mode !== 'window') return liveRound('start');
    if (!isOpen(round, now)) return roundNotOpen(round);

    const questionIds = round.draw_count
      ? (yield* rows<{ id: number }>(
          `SELECT q.id FROM question q WHERE q.retired_at IS NULL${round.draw_topic ? ' AND q.topic = ?' : ''}` +
            `${round.race_path === null ? '' : ` AND ${drawableSql('q')}`} ORDER BY RANDOM() LIMIT ?`,
          ...(round.draw_topic ? [round.draw_topic] : []),
          ...(round.race_path === null ? [] : drawableParams(round.race_path)),
          round.draw_count,
        )).map((row) => row.id)
      : (yield* rows<{ question_id: number }>('SELECT question_id FROM round_question WHERE round_id = ? ORDER BY position', roundId)).map(
          (row) => row.question_id,
        );
    if (!questionIds.length) return noQuestions();
    // Read once: the attempt keeps the time in force now, whatever an organiser sets later.
    const timePercent = Number((yield* firstRow<{ time_percent: number }>('SELECT time_percent FROM participant WHERE id = ?', participantId))!.time_percent);
    const choices = yield* rows<{ id: number; question_id: number }>(
      `SELECT id, question_id FROM question_choice WHERE question_id IN (${marks(questionIds.length)})`,
      ...questionIds,
    );

    const [inserted] = yield* rows<{ id: number }>(
      `INSERT INTO attempt (round_id, participant_id, unit_id, clan_id, position, question_count, score, streak, answered, correct_count, time_percent, started_at, finished_at, updated_at) ` +
        `VALUES (?, ?, ${UNIT_NOW}, ${CLAN_NOW}, 0, ?, 0, 0, 0, 0, ?, ?, NULL, ?) RETURNING id`,
      roundId,
      participantId,
      participantId,
      participantId,
      questionIds.length,
      timePercent,
      now,
      now,
    );
    const values: unknown[] = [];
    questionIds.forEach((questionId, position) => {
      const order = shuffled(choices.filter((choice) => choice.question_id === questionId).map((choice) => choice.id));
      const sent = position === 0;
      values.push(
        inserted.id,
        position,
        questionId,
        order.join(','),
        sent ? now : null,
        sent ? personalDeadline(now, round.seconds_per_question, timePercent) : null,
      );
    });
    yield* changes(
      `INSERT INTO attempt_question (attempt_id, position, question_id, choice_order, sent_at, deadline) VALUES ${questionIds.map(() => `(${marks(6)})`).join(', ')}`,
      ...values,
    );
    const attempt = (yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE id = ?`, inserted.id))!;
    return { ok: true, created: true, value: yield* this.views.view(attempt, round, now) };
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
    if (round.mode !== 'window') return liveRound('answer');
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
        return yield* this.writer.store(
          round,
          before,
          {
            questionId,
            chosen,
            offered: parseIds(slot.choice_order),
            sentAt: Number(slot.sent_at),
            deadline: Number(slot.deadline),
            receivedAt,
            position: before.position,
          },
          facts,
        );
      }
    }
    // Otherwise: the same answer again, a miss to record first, a finished attempt or another question.
    const repeated = yield* this.writer.repeatedAnswer(yield* this.priorAnswer(before.id, questionId), before, round, chosen, receivedAt);
    if (repeated) return repeated;

    const { view, missed } = yield* this.catchUp(before, round, receivedAt);
    // Time and grace ran out before this answer came: the question was recorded as missed.
    if (missed !== undefined) return deadlinePassed({ next: view.question });
    if (view.finished) return isOpen(round, receivedAt) ? attemptFinished() : closedToAnswers();
    if (view.question!.id !== questionId) return notCurrentQuestion('attempt', { next: view.question });
    const slot = (yield* this.slotAt(attemptId, before.position))!;
    const sentAt = Number(slot.sent_at);
    const deadline = Number(slot.deadline);
    return yield* this.writer.store(round, before, {
      questionId,
      chosen,
      offered: parseIds(slot.choice_order),
      sentAt,
      deadline,
      receivedAt,
      position: before.position,
    });
  }

  /** Finishes every attempt still open in a closed round, with what was answered. */
  *finishRound(roundId: number, now: number): Work<number> {
    return yield* changes('UPDATE attempt SET finished_at = ?, updated_at = ? WHERE round_id = ? AND finished_at IS NULL', now, now, roundId);
  }

  private *priorAnswer(attemptId: number, questionId: number): Work<AnswerRow | undefined> {
    return yield* firstRow<AnswerRow>(
      'SELECT choice_ids, correct, points, score_after, streak_after FROM answer WHERE attempt_id = ? AND question_id = ?',
      attemptId,
      questionId,
    );
  }

  private *attemptOf(
    attemptId: number,
    participantId: number,
  ): Work<Outcome<{ attempt: AttemptRow; round: RoundRow; slot: AttemptQuestionRow | null; facts: QuestionFacts }>> {
    type Found = AttemptRow & Omit<RoundRow, 'id'> & { [K in keyof AttemptQuestionRow as `slot_${K}`]: AttemptQuestionRow[K] | null } & FactRow;
    const all = yield* rows<Found>(ATTEMPT_ROUND_AND_SLOT, attemptId);
    const found = all[0];
    // Someone else's attempt is as good as missing: ids are not secrets, but attempts are private.
    if (!found || found.participant_id !== participantId) return noAttempt(attemptId);
    const slot =
      found.slot_question_id === null
        ? null
        : { question_id: found.slot_question_id, choice_order: found.slot_choice_order!, sent_at: found.slot_sent_at, deadline: found.slot_deadline };
    return { ok: true, value: { attempt: found, round: { ...found, id: found.round_id }, slot, facts: factsOf(all) } };
  }

  /**
   * Brings a window attempt up to the clock: finished when its round has closed; a question whose
   * time and grace ran out is recorded as missed (0 points, streak broken) and the next one is
   * sent now. At most one question moves per call: the next question's clock starts now.
   */
  private *catchUp(attempt: AttemptRow, round: RoundRow, now: number): Work<{ view: AttemptView; missed?: number }> {
    if (round.mode === 'live') return { view: yield* this.views.liveView(attempt, round, now) };
    if (attempt.finished_at !== null) return { view: yield* this.views.view(attempt, round, now) };
    if (!isOpen(round, now)) {
      yield* changes('UPDATE attempt SET finished_at = ?, updated_at = ? WHERE id = ? AND finished_at IS NULL', now, now, attempt.id);
      return { view: yield* this.views.view({ ...attempt, finished_at: now }, round, now) };
    }
    const slot = (yield* this.slotAt(attempt.id, attempt.position))!;
    if (!expired(now, Number(slot.deadline), this.settings.graceMs)) return { view: yield* this.views.view(attempt, round, now) };
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
        personalDeadline(now, round.seconds_per_question, attempt.time_percent),
        attempt.id,
        position,
      );
    }
    return { view: yield* this.views.view({ ...attempt, position, streak: 0, finished_at: finished ? now : null }, round, now), missed: slot.question_id };
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
}
