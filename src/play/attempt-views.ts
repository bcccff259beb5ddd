import { Work, rows } from '../database/steps';
import type { AttemptView, PlayQuestion as QuestionView } from '../contract/play';
import { expired, parseIds, secondsLeft, shownScore } from './attempt-rules';
import { AttemptRow, QUESTION_COLUMNS, QuestionRow, RoundRow } from './attempt-sql';
import { ChoiceHandles, attemptViewer, servedChoices } from './choice-handles';

export interface PlaySettings {
  graceMs: number;
  /** Choices are served and answered by per-attempt handles, never by their real ids. */
  handles: ChoiceHandles;
}

/** An attempt and its question as the participant's phone is sent them: the reads both flows share. */
export class AttemptViews {
  constructor(private readonly settings: PlaySettings) {}

  *view(attempt: AttemptRow, round: RoundRow, now: number): Work<AttemptView> {
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

  *liveView(attempt: AttemptRow, round: RoundRow, now: number): Work<AttemptView> {
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

  /** The attempt's question at `position`, its choices in the attempt's order, in one statement. */
  *windowQuestion(attemptId: number, position: number, count: number, now: number): Work<QuestionView> {
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
    const handles = this.settings.handles.of(
      attemptViewer(attemptId),
      question.id,
      question.choices.map((choice) => choice.id),
    );
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
