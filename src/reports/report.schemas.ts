import type {
  Figures,
  NonParticipant,
  NonParticipantPage,
  ParticipationLine,
  ParticipationReport,
  PersonResult,
  QuestionResult,
  RoundResults,
} from '../contract/reports';
import { always, anyOf, arrayOf, dateTime, integer, nullable, number, optional, shape, string } from '../http/response-schema';

const FIGURES_FIELDS = {
  participants: integer,
  headcount: integer,
  rate: number,
  ratePercent: number,
  totalScore: number,
  averageScore: number,
  perHeadScore: number,
  change: nullable(shape<NonNullable<Figures['change']>>({ participants: integer, ratePercent: number })),
  headcountOutdated: optional(always(true)),
};

const LINE = shape<ParticipationLine>({
  ...FIGURES_FIELDS,
  id: anyOf(integer, string),
  name: string,
  rank: integer,
  category: optional(string),
  categoryName: optional(string),
});

export const PARTICIPATION_REPORT = shape<ParticipationReport>({
  raceId: integer,
  roundId: nullable(integer),
  generatedAt: dateTime,
  comparedWith: nullable(shape<NonNullable<ParticipationReport['comparedWith']>>({ roundId: integer, name: string, meaning: string })),
  total: shape<Figures>(FIGURES_FIELDS),
  categories: arrayOf(LINE),
  units: arrayOf(LINE),
});

export const NON_PARTICIPANT_PAGE = shape<NonParticipantPage>({
  total: integer,
  items: arrayOf(shape<NonParticipant>({ id: integer, staffCode: string, fullName: string, unitId: integer, unitName: string })),
});

const PERSON_RESULT = shape<PersonResult>({
  rank: integer,
  participantId: integer,
  staffCode: string,
  fullName: string,
  unitName: string,
  score: integer,
  correct: integer,
  answered: integer,
  timeMs: integer,
  finishedAt: nullable(dateTime),
});

const QUESTION_RESULT = shape<QuestionResult>({
  questionId: integer,
  text: string,
  answered: integer,
  correct: integer,
  correctShare: number,
  correctPercent: number,
  averageMs: integer,
  missed: integer,
  mostChosenWrong: nullable(shape<NonNullable<QuestionResult['mostChosenWrong']>>({ choiceIds: arrayOf(integer), text: string, count: integer })),
});

export const ROUND_RESULTS = shape<RoundResults>({
  roundId: integer,
  raceId: integer,
  name: string,
  total: integer,
  participants: arrayOf(PERSON_RESULT),
  questions: arrayOf(QUESTION_RESULT),
});
