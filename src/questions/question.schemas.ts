import { arrayOf, boolean, integer, nullable, oneOf, optional, shape, string } from '../http/response-schema';
import type { QuestionView } from './question-views';

export const QUESTION_VIEW = shape<QuestionView>({
  id: integer,
  type: oneOf('single', 'multiple', 'truefalse'),
  text: string,
  topic: nullable(string),
  difficulty: integer,
  explanation: optional(nullable(string)),
  retired: boolean,
  unitId: nullable(integer),
  unitName: nullable(string),
  editable: boolean,
  replaces: nullable(integer),
  replacedBy: nullable(integer),
  choices: arrayOf(shape<QuestionView['choices'][number]>({ id: integer, text: string, correct: optional(boolean) })),
});

export const QUESTION_PAGE = shape<{ total: number; items: QuestionView[] }>({ total: integer, items: arrayOf(QUESTION_VIEW) });

export const TOPICS = arrayOf(shape<{ topic: string; count: number }>({ topic: string, count: integer }));

export const QUESTION_IMPORT = shape<{ dryRun: boolean; created: number; skipped: number; errors: [] }>({
  dryRun: boolean,
  created: integer,
  skipped: integer,
  errors: { type: 'array', maxItems: 0, items: {} },
});
