import { Work, firstRow, rows } from '../database/steps';
import type { AnswerReply, AttemptView } from '../contract/play';
import { Outcome } from './outcome';
import { isOpen } from './attempt-rules';
import {
  ATTEMPT_COLUMNS,
  AnswerRow,
  AttemptRow,
  CLAN_NOW,
  TIME_NOW,
  FactRow,
  LIVE_ANSWER_READ,
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
import { noRound, notCurrentQuestion, notInRace, notJoined, roundNotOpen, windowRound } from './refusals';

/**
 * A live round, as units of work (see docs/works.md): everyone answers the question on the hall's
 * screen, on the round's clock.
 */
export class LiveWorks {
  constructor(
    private readonly settings: PlaySettings,
    private readonly views: AttemptViews,
    private readonly writer: AnswerWriter,
  ) {}

  /** Joins a live round: the participant's attempt (made on first join) and the question on now. */
  *join(roundId: number, participantId: number, now: number): Work<Outcome<AttemptView>> {
    const round = yield* firstRow<RoundRow & RaceReach>(ROUND_FOR_ENTRY, roundId);
    if (!round) return noRound(roundId);
    if (round.mode !== 'live') return windowRound();
    let attempt = yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE round_id = ? AND participant_id = ?`, roundId, participantId);
    const created = !attempt;
    if (!attempt) {
      if (!(yield* playsInRace(round, participantId))) return notInRace();
      if (!isOpen(round, now)) return roundNotOpen(round);
      const [{ count }] = yield* rows<{ count: number | string }>('SELECT COUNT(*) AS count FROM round_question WHERE round_id = ?', roundId);
      const [inserted] = yield* rows<{ id: number }>(
        `INSERT INTO attempt (round_id, participant_id, unit_id, clan_id, position, question_count, score, streak, answered, correct_count, time_percent, started_at, finished_at, updated_at) ` +
          `VALUES (?, ?, ${UNIT_NOW}, ${CLAN_NOW}, -1, ?, 0, 0, 0, 0, ${TIME_NOW}, ?, NULL, ?) RETURNING id`,
        roundId,
        participantId,
        participantId,
        participantId,
        round.draw_count ?? Number(count),
        participantId,
        now,
        now,
      );
      attempt = (yield* firstRow<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE id = ?`, inserted.id))!;
    }
    return { ok: true, created, value: yield* this.views.liveView(attempt, round, now) };
  }

  /** Stores one live answer exactly once: the round's clock, the round's current question. */
  *answer(roundId: number, participantId: number, questionId: number, chosen: number[], receivedAt: number): Work<Outcome<AnswerReply>> {
    type Found = Omit<RoundRow, 'id'> & { [K in keyof AttemptRow]: AttemptRow[K] | null } & {
      [K in keyof AnswerRow as `prior_${K}`]: AnswerRow[K] | null;
    } & FactRow;
    const found = yield* rows<Found>(LIVE_ANSWER_READ, participantId, questionId, questionId, roundId);
    if (!found.length) return noRound(roundId);
    const [first] = found;
    const round: RoundRow = { ...first, id: roundId };
    if (round.mode !== 'live') return windowRound();
    if (first.id === null) return notJoined();
    const attempt = first as AttemptRow;
    const facts = factsOf(found);
    // Each phone answers with its own handles (see LiveRoundsService.serve); stored and compared as real ids.
    chosen = realChoices(
      this.settings.handles.of(
        attemptViewer(attempt.id),
        questionId,
        facts.map((fact) => Number(fact.id)),
      ),
      chosen,
    );
    const prior =
      first.prior_correct === null
        ? undefined
        : {
            choice_ids: first.prior_choice_ids,
            correct: first.prior_correct,
            points: first.prior_points!,
            score_after: first.prior_score_after!,
            streak_after: first.prior_streak_after!,
          };
    const repeated = yield* this.writer.repeatedAnswer(prior, attempt, round, chosen, receivedAt);
    if (repeated) return repeated;
    if (!isOpen(round, receivedAt)) return roundNotOpen(round);
    if (round.live_question_id !== questionId || round.live_position === null) return notCurrentQuestion('screen');
    const sentAt = Number(round.live_sent_at);
    const deadline = Number(round.live_deadline);
    // A question skipped (joined late, no answer) breaks the streak.
    const row = { ...attempt, streak: attempt.position === round.live_position - 1 ? attempt.streak : 0 };
    // Everyone in a live round is offered every choice of the question.
    return yield* this.writer.store(round, row, { questionId, chosen, offered: 'all', sentAt, deadline, receivedAt, position: round.live_position }, facts);
  }
}
