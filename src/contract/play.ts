import type { TimeMultiplier } from './org';
import type { RoundMode } from './races';

// Playing a round: window rounds over HTTP (/play/...), live rounds over the `/live` socket.

export type QuestionType = 'single' | 'multiple' | 'truefalse';

/** A question as a participant (or a live round's screen) is shown it: no key, choices by handle. */
export interface PlayQuestion {
  id: number;
  /** 0-based position in the attempt (window) or the round (live). */
  index: number;
  count: number;
  type: QuestionType;
  text: string;
  choices: Array<{ id: number; text: string }>;
  deadline: string;
  secondsLeft: number;
}

export interface AttemptView {
  attemptId: number;
  roundId: number;
  score: number;
  streak: number;
  /** Present while the round keeps its answers secret: score and streak stay 0 until it closes. */
  scoresHeld?: true;
  answered: number;
  finished: boolean;
  question: PlayQuestion | null;
}

export interface AnswerReply {
  accepted: true;
  correct?: boolean;
  points?: number;
  score: number;
  streak: number;
  scoresHeld?: true;
  next: PlayQuestion | null;
  finished: boolean;
}

/** A round a participant may play now (GET /play/rounds). */
export interface MyRound {
  id: number;
  raceId: number;
  raceName: string;
  name: string;
  mode: RoundMode;
  closesAt: string | null;
  secondsPerQuestion: number;
  questionCount: number;
  attempted: boolean;
  finished: boolean;
  score: number;
  scoresHeld?: true;
  /**
   * Present when this person has more time (above ×1): in a window round each question gets that
   * many times `secondsPerQuestion`; in a live round a right answer scores in full instead.
   */
  timeMultiplier?: TimeMultiplier;
}

/** The seconds a host may add to a live question at a time. */
export const LIVE_EXTENSIONS = [10, 20, 30] as const;
export type LiveExtension = (typeof LIVE_EXTENSIONS)[number];

/**
 * A live question given more time (POST /rounds/:id/live/extend), as the host's reply and as every
 * phone's `live:extend`: the new deadline, and the seconds left to count down from on the device.
 */
export interface LiveExtend {
  roundId: number;
  questionId: number;
  deadline: string;
  secondsLeft: number;
}

/** What the host's "next question" says (POST /rounds/:id/live/next). */
export interface LiveNextReply {
  roundId: number;
  question: PlayQuestion | null;
  ended: boolean;
}
