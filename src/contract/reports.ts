// What organisers read in the reports (/reports/...): turnout, who has not played, a round's results.

export interface Figures {
  participants: number;
  headcount: number;
  /** Participants ÷ headcount, full precision (as the boards give it), at most 1: see turnout. */
  rate: number;
  /** The same as a percentage with two decimals: what people read and exports show. */
  ratePercent: number;
  totalScore: number;
  averageScore: number;
  perHeadScore: number;
  /** Since the round compared with (see `comparedWith`); null when there is none. */
  change: { participants: number; ratePercent: number } | null;
  /** More players than headcount (in the unit, or in a unit of the group): the headcount needs updating. */
  headcountOutdated?: true;
}

export interface ParticipationLine extends Figures {
  id: number | string;
  name: string;
  rank: number;
  category?: string;
  categoryName?: string;
}

/** GET /reports/participation. */
export interface ParticipationReport {
  raceId: number;
  roundId: number | null;
  generatedAt: string;
  /** The earlier figures `change` is measured from. */
  comparedWith: { roundId: number; name: string; meaning: string } | null;
  total: Figures;
  categories: ParticipationLine[];
  units: ParticipationLine[];
}

export interface NonParticipant {
  id: number;
  staffCode: string;
  fullName: string;
  unitId: number;
  unitName: string;
}

/** GET /reports/non-participants: by unit, then staff code. */
export interface NonParticipantPage {
  total: number;
  items: NonParticipant[];
}

/** A participant's attempt at a round, ranked among the round's. */
export interface PersonResult {
  rank: number;
  participantId: number;
  staffCode: string;
  fullName: string;
  unitName: string;
  score: number;
  correct: number;
  answered: number;
  /** The time spent on the questions answered. */
  timeMs: number;
  finishedAt: string | null;
}

/** A question's figures in a round: how many answered, how many right, the wrong choice chosen most. */
export interface QuestionResult {
  questionId: number;
  text: string;
  answered: number;
  correct: number;
  correctShare: number;
  correctPercent: number;
  averageMs: number;
  missed: number;
  mostChosenWrong: { choiceIds: number[]; text: string; count: number } | null;
}

/** GET /reports/rounds/:id/results: a page of the people (ranked) and every question, hardest first. */
export interface RoundResults {
  roundId: number;
  raceId: number;
  name: string;
  total: number;
  participants: PersonResult[];
  questions: QuestionResult[];
}
