import { arrayOf, boolean, integer, nullable, oneOf, optional, shape, string } from '../http/response-schema';
import type { QuestionImportReport, QuestionPage, QuestionView, TopicCount } from '../contract/questions';

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

export const QUESTION_PAGE = shape<QuestionPage>({ total: integer, items: arrayOf(QUESTION_VIEW) });

export const TOPICS = arrayOf(shape<TopicCount>({ topic: string, count: integer }));

export const QUESTION_IMPORT = shape<QuestionImportReport>({
  dryRun: boolean,
  created: integer,
  skipped: integer,
  errors: { type: 'array', maxItems: 0, items: {} },
});
