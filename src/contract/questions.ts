// The question bank as organisers see it (/questions): questions, their versions, topics, imports.
import type { QuestionType } from './play';

/**
 * A question as an organiser sees it. `editable`: theirs (their subtree's, or anything for the
 * district): the answer key (`correct`, `explanation`) is present, and they may edit, retire and
 * version it. Otherwise (the district's or a unit's above them) only its wording, to use in races.
 */
export interface QuestionView {
  id: number;
  type: QuestionType;
  text: string;
  topic: string | null;
  difficulty: number;
  explanation?: string | null;
  retired: boolean;
  /** The owner unit; null: a district question. */
  unitId: number | null;
  unitName: string | null;
  editable: boolean;
  /** The question this one is a new version of, and the one that replaced it. */
  replaces: number | null;
  replacedBy: number | null;
  choices: Array<{ id: number; text: string; correct?: boolean }>;
}

export interface QuestionPage {
  total: number;
  items: QuestionView[];
}

/** A topic of the questions an organiser may use, with how many there are. */
export interface TopicCount {
  topic: string;
  count: number;
}

/** What a question import did, or would do on a dry run; a file with problems is refused whole (422), so `errors` is empty. */
export interface QuestionImportReport {
  dryRun: boolean;
  created: number;
  /** Questions the organiser could already use: the same type, text and choices. */
  skipped: number;
  errors: [];
}
