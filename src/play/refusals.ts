import { Outcome, Refusal } from './attempt-contract';

/**
 * The answer path's refusals, in both languages. A work returns them rather than throwing, so what
 * it recorded before refusing (a missed question moving the attempt on) still commits.
 */
export const refuse = (status: Refusal['status'], code: string, vi: string, en: string, extra?: Record<string, unknown>): Outcome<never> => ({
  ok: false,
  refusal: { status, code, vi, en, extra },
});

export const noRound = (roundId: number) => refuse(404, 'NOT_FOUND', `Không tìm thấy vòng thi «${roundId}»`, `No round "${roundId}"`);

export const noAttempt = (attemptId: number) => refuse(404, 'NOT_FOUND', `Không tìm thấy lượt thi «${attemptId}»`, `No attempt "${attemptId}"`);

export const notInRace = () =>
  refuse(403, 'NOT_IN_RACE', 'Cuộc đua này dành cho đơn vị khác, bạn không tham gia được', 'This race is for another unit; you cannot take part');

export function roundNotOpen(round: { status: string }): Outcome<never> {
  return round.status === 'closed' || round.status === 'open'
    ? refuse(409, 'ROUND_CLOSED', 'Vòng thi đã đóng', 'The round has closed')
    : refuse(409, 'ROUND_NOT_OPEN', 'Vòng thi chưa mở', 'The round is not open yet');
}

/** A window round's entry (start, or answer) used for a live round. */
export const liveRound = (how: 'start' | 'answer') =>
  how === 'start'
    ? refuse(409, 'LIVE_ROUND', 'Vòng thi trực tiếp: hãy tham gia qua màn hình trực tiếp', 'This is a live round: join it with live:join')
    : refuse(409, 'LIVE_ROUND', 'Vòng thi trực tiếp: gửi câu trả lời qua live:answer', 'This is a live round: answer with live:answer');

export const windowRound = () => refuse(409, 'WINDOW_ROUND', 'Vòng thi này không phải vòng trực tiếp', 'This is not a live round');

export const noQuestions = () => refuse(409, 'NO_QUESTIONS', 'Vòng thi chưa có câu hỏi nào', 'The round has no questions');

export const notJoined = () => refuse(409, 'NOT_JOINED', 'Hãy tham gia vòng thi (live:join) trước khi trả lời', 'Join the round (live:join) before answering');

export const deadlinePassed = (extra?: Record<string, unknown>) => refuse(409, 'DEADLINE_PASSED', 'Đã hết giờ cho câu hỏi này', 'Time ran out for this question', extra);

export const answerConflict = () =>
  refuse(409, 'ANSWER_CONFLICT', 'Câu hỏi này đã được trả lời bằng lựa chọn khác', 'This question was already answered with other choices');

export const attemptFinished = () => refuse(409, 'ATTEMPT_FINISHED', 'Bạn đã làm xong lượt thi này', 'This attempt is finished');

export const closedToAnswers = () => refuse(409, 'ROUND_CLOSED', 'Vòng thi đã đóng, không nhận thêm câu trả lời', 'The round has closed; no more answers');

/** An answer to another question than the one on now: the attempt's (window) or the screen's (live). */
export const notCurrentQuestion = (where: 'attempt' | 'screen', extra?: Record<string, unknown>) =>
  where === 'attempt'
    ? refuse(409, 'NOT_CURRENT_QUESTION', 'Đây không phải câu hỏi đang làm', 'That is not the question being asked now', extra)
    : refuse(409, 'NOT_CURRENT_QUESTION', 'Đây không phải câu hỏi đang chiếu', 'That is not the question on screen now');

const CHOICE_PROBLEMS: Record<string, { vi: string; en: string }> = {
  duplicate: { vi: 'Một lựa chọn được gửi hai lần', en: 'A choice is listed twice' },
  'not-offered': { vi: 'Lựa chọn không thuộc câu hỏi này', en: 'A choice does not belong to this question' },
  count: { vi: 'Số lựa chọn không hợp lệ cho loại câu hỏi này', en: 'Wrong number of choices for this kind of question' },
};

export const invalidChoice = (problem: string) => refuse(400, 'INVALID_CHOICE', CHOICE_PROBLEMS[problem].vi, CHOICE_PROBLEMS[problem].en);
