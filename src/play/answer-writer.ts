import { Work, changes, rows } from '../database/steps';
import { answerPoints, nextStreak, streakBonus } from '../scoring/points';
import { countAnswer } from '../standings/answer-standings';
import type { AnswerReply, PlayQuestion as QuestionView } from '../contract/play';
import { Outcome } from './outcome';
import { choiceKey, choiceProblem, isCorrect, judgeTiming, revealNow, shownScore } from './attempt-rules';
import { countedResponseMs, personalDeadline } from '../scoring/time-rules';
import { AnswerRow, AttemptRow, QuestionFacts, RoundRow } from './attempt-sql';
import { AttemptViews, PlaySettings } from './attempt-views';
import { answerConflict, deadlinePassed, invalidChoice } from './refusals';

/** One answer as it reached the server, in real choice ids, with the question's clock. */
export interface GivenAnswer {
  questionId: number;
  chosen: number[];
  /** The choices this attempt was offered (window), or every choice of the question (live). */
  offered: number[] | 'all';
  sentAt: number;
  deadline: number;
  receivedAt: number;
  position: number;
}

/** Thrown inside a work when a concurrent transaction stored the same answer first (PostgreSQL). */
export class ConcurrentAnswer extends Error {
  readonly driverError = { code: '40001' };
}

/**
 * Stores an answer, window or live, exactly once: judged with the pure rules, written to the
 * answer log, the attempt moved on and the standings counted, in the caller's work.
 */
export class AnswerWriter {
  constructor(
    private readonly settings: PlaySettings,
    private readonly views: AttemptViews,
  ) {}

  *store(round: RoundRow, attempt: AttemptRow, answer: GivenAnswer, known?: QuestionFacts): Work<Outcome<AnswerReply>> {
    const { questionId, chosen, receivedAt } = answer;
    const timing = judgeTiming(receivedAt, answer.sentAt, answer.deadline, this.settings.graceMs);
    if (!timing.inTime) return deadlinePassed();
    // Read with the attempt on the usual paths; otherwise the question's type and choices in one statement.
    const facts =
      known ??
      (yield* rows<QuestionFacts[number]>(
        'SELECT q.type, c.id, c.correct FROM question q JOIN question_choice c ON c.question_id = q.id WHERE q.id = ? ORDER BY c.position',
        questionId,
      ));
    const offered = answer.offered === 'all' ? facts.map((choice) => Number(choice.id)) : answer.offered;
    const problem = choiceProblem(facts[0].type, chosen, offered);
    if (problem) return invalidChoice(problem);
    const correctIds = facts.filter((choice) => !!choice.correct).map((choice) => Number(choice.id));

    const correct = isCorrect(chosen, correctIds);
    const settings = { speedBonus: !!round.speed_bonus, streakBonus: !!round.streak_bonus };
    const streak = nextStreak(attempt.streak, correct);
    // Against the person's own time: a window deadline is already theirs, a live one is everyone's.
    const speedMs = countedResponseMs(round.mode, attempt.time_percent, timing.responseMs);
    const points = answerPoints(correct, speedMs, answer.deadline - answer.sentAt, settings) + (correct ? streakBonus(streak, settings) : 0);
    const score = attempt.score + points;
    // Points a moving score would give away stay off the boards until the round closes (see settleHeldRound).
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
      const deadline = personalDeadline(now, round.seconds_per_question, attempt.time_percent);
      yield* changes('UPDATE attempt_question SET sent_at = ?, deadline = ? WHERE attempt_id = ? AND position = ?', now, deadline, attempt.id, nextPosition);
      next = yield* this.views.windowQuestion(attempt.id, nextPosition, attempt.question_count, now);
    }
    // The standings last: they hold the most contended rows.
    const raceScore = yield* countAnswer({
      raceId: round.race_id,
      roundId: round.id,
      attemptId: attempt.id,
      participantId: attempt.participant_id,
      unitId: attempt.unit_id,
      clanId: attempt.clan_id,
      firstOfAttempt: attempt.answered === 0,
      points: counted.points,
      correct: counted.correct,
      now,
    });
    const reveal = revealNow(round);
    return {
      ok: true,
      value: { accepted: true, ...(reveal ? { correct, points } : {}), ...shownScore(round, score, streak), next, finished },
      standing: {
        raceId: round.race_id,
        roundId: round.id,
        participantId: attempt.participant_id,
        roundScore: reveal ? score : 0,
        raceScore,
        unitId: attempt.unit_id,
        clanId: attempt.clan_id,
      },
    };
  }

  /** The same answer again gets the first reply; a different one is refused. Null: not answered yet. */
  *repeatedAnswer(prior: AnswerRow | undefined, attempt: AttemptRow, round: RoundRow, chosen: number[], now: number): Work<Outcome<AnswerReply> | null> {
    if (!prior) return null;
    if (prior.choice_ids === null) return deadlinePassed();
    if (prior.choice_ids !== choiceKey(chosen)) return answerConflict();
    const view = round.mode === 'live' ? yield* this.views.liveView(attempt, round, now) : yield* this.views.view(attempt, round, now);
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
}
