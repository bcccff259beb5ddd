import { TIME_MULTIPLIERS } from '../contract/org';
import type { AnswerReply, AttemptView, LiveExtend, LiveNextReply, MyRound, PlayQuestion } from '../contract/play';
import { always, arrayOf, boolean, dateTime, integer, nullable, oneOf, optional, shape, string } from '../http/response-schema';

export const PLAY_QUESTION = shape<PlayQuestion>({
  id: integer,
  index: integer,
  count: integer,
  type: oneOf('single', 'multiple', 'truefalse'),
  text: string,
  choices: arrayOf(shape<PlayQuestion['choices'][number]>({ id: integer, text: string })),
  deadline: dateTime,
  secondsLeft: integer,
});

export const ATTEMPT_VIEW = shape<AttemptView>({
  attemptId: integer,
  roundId: integer,
  score: integer,
  streak: integer,
  scoresHeld: optional(always(true)),
  answered: integer,
  finished: boolean,
  question: nullable(PLAY_QUESTION),
});

export const ANSWER_REPLY = shape<AnswerReply>({
  accepted: always(true),
  correct: optional(boolean),
  points: optional(integer),
  score: integer,
  streak: integer,
  scoresHeld: optional(always(true)),
  next: nullable(PLAY_QUESTION),
  finished: boolean,
});

export const MY_ROUND = shape<MyRound>({
  id: integer,
  raceId: integer,
  raceName: string,
  name: string,
  mode: oneOf('window', 'live'),
  closesAt: nullable(dateTime),
  secondsPerQuestion: integer,
  questionCount: integer,
  attempted: boolean,
  finished: boolean,
  score: integer,
  scoresHeld: optional(always(true)),
  timeMultiplier: optional({ type: 'number', enum: TIME_MULTIPLIERS.filter((multiplier) => multiplier > 1) }),
});

export const LIVE_EXTEND = shape<LiveExtend>({ roundId: integer, questionId: integer, deadline: dateTime, secondsLeft: integer });

export const LIVE_NEXT_REPLY = shape<LiveNextReply>({ roundId: integer, question: nullable(PLAY_QUESTION), ended: boolean });
