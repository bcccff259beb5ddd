/** What the reports answer: the JSON replies, and the rows their files are made of. */

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

/** The note a report row carries when its headcount is out of date. */
export const HEADCOUNT_OUTDATED_NOTE = 'Số người dự thi vượt biên chế: cần cập nhật biên chế';

export interface ParticipationLine extends Figures {
  id: number | string;
  name: string;
  rank: number;
  category?: string;
  categoryName?: string;
}

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

export type ExportFormat = 'csv' | 'xlsx';

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
