import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { Transactions } from '../database/transactions';
import { AppException } from '../http/app-exception';
import { Errors, What } from '../http/errors';
import { CreateQuestionDto, ListQuestionsQuery, UpdateQuestionDto } from './dto/question.dto';
import { Parsed } from './question-formats';
import { QuestionInput, normaliseQuestion, questionFingerprint, questionProblems } from './question-rules';
import { Answer, AttemptQuestion } from '../play/play.entity';
import { Round } from '../races/race.entity';
import { Question, QuestionChoice, QuestionType } from './question.entity';

export interface QuestionView {
  id: number;
  type: QuestionType;
  text: string;
  topic: string | null;
  difficulty: number;
  explanation: string | null;
  retired: boolean;
  choices: { id: number; text: string; correct: boolean }[];
}

function view(question: Question): QuestionView {
  return {
    id: question.id,
    type: question.type,
    text: question.text,
    topic: question.topic,
    difficulty: question.difficulty,
    explanation: question.explanation,
    retired: question.retiredAt !== null,
    choices: [...(question.choices ?? [])].sort((a, b) => a.position - b.position).map(({ id, text, correct }) => ({ id, text, correct })),
  };
}

const asInput = (q: QuestionView): QuestionInput => ({
  type: q.type,
  text: q.text,
  topic: q.topic,
  difficulty: q.difficulty,
  explanation: q.explanation,
  choices: q.choices.map(({ text, correct }) => ({ text, correct })),
});

function refuseInvalid(problems: { field: string; message: string; vi: string }[]): never {
  throw new AppException(
    400,
    'QUESTION_INVALID',
    { vi: problems.map((p) => p.vi).join('; '), en: problems.map((p) => p.message).join('; ') },
    { errors: problems.map((p) => ({ row: 0, ...p })) },
  );
}

/** The question bank: organisers write, import and retire questions; nobody deletes one. */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectRepository(Question) private readonly questions: Repository<Question>,
    private readonly transactions: Transactions,
  ) {}

  async create(dto: CreateQuestionDto): Promise<QuestionView> {
    const input = normaliseQuestion({ ...dto, topic: dto.topic ?? null, difficulty: dto.difficulty ?? 1, explanation: dto.explanation ?? null });
    const problems = questionProblems(input);
    if (problems.length) refuseInvalid(problems);
    const id = await this.transactions.run((manager) => insertQuestion(manager, input, Date.now()));
    return this.get(id);
  }

  async list(query: ListQuestionsQuery): Promise<{ total: number; items: QuestionView[] }> {
    const where = {
      ...(query.topic ? { topic: query.topic.normalize('NFC').trim() } : {}),
      ...(query.includeRetired ? {} : { retiredAt: IsNull() }),
    };
    const [rows, total] = await this.questions.findAndCount({
      where,
      relations: { choices: true },
      order: { id: 'ASC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    return { total, items: rows.map(view) };
  }

  async topics(): Promise<{ topic: string; count: number }[]> {
    const rows: { topic: string; count: string | number }[] = await this.questions
      .createQueryBuilder('q')
      .select('q.topic', 'topic')
      .addSelect('COUNT(*)', 'count')
      .where('q.retired_at IS NULL AND q.topic IS NOT NULL')
      .groupBy('q.topic')
      .orderBy('q.topic', 'ASC')
      .getRawMany();
    return rows.map((row) => ({ topic: row.topic, count: Number(row.count) }));
  }

  async get(id: number): Promise<QuestionView> {
    const question = await this.questions.findOne({ where: { id }, relations: { choices: true } });
    if (!question) throw Errors.notFound(What.question, id);
    return view(question);
  }

  async update(id: number, dto: UpdateQuestionDto): Promise<QuestionView> {
    const stored = await this.get(id);
    const current = asInput(stored);
    const input = normaliseQuestion({
      type: dto.type ?? current.type,
      text: dto.text ?? current.text,
      choices: dto.choices ?? current.choices,
      topic: dto.topic !== undefined ? dto.topic : current.topic,
      difficulty: dto.difficulty ?? current.difficulty,
      explanation: dto.explanation !== undefined ? dto.explanation : current.explanation,
    });
    const problems = questionProblems(input);
    if (problems.length) refuseInvalid(problems);
    // The same type and the same number of choices, correct in the same places: only wording changed.
    const reshaped =
      input.type !== current.type ||
      input.choices.length !== current.choices.length ||
      input.choices.some((choice, position) => choice.correct !== current.choices[position].correct);
    await this.transactions.run(async (manager) => {
      // What a participant was asked and scored on stays as it was: wording can be corrected, but
      // other choices or another type would re-mark answers already given. Retire it and add a copy.
      if (reshaped && (await askedAlready(manager, id))) {
        throw Errors.conflict(
          'QUESTION_IN_USE',
          'Câu hỏi đã được dùng trong vòng thi nên không đổi được lựa chọn hay loại câu hỏi. Hãy ngừng dùng câu này và thêm một câu mới.',
          'This question has been asked in a round, so its choices and type cannot change. Retire it and add a new one.',
        );
      }
      const now = Date.now();
      await manager.update(Question, { id }, {
        type: input.type,
        text: input.text,
        topic: input.topic,
        difficulty: input.difficulty,
        explanation: input.explanation,
        updatedAt: now,
        ...(dto.retired !== undefined ? { retiredAt: dto.retired ? now : null } : {}),
      });
      if (reshaped) {
        await manager.delete(QuestionChoice, { questionId: id });
        await insertChoices(manager, id, input.choices);
      } else {
        // In place, so each choice keeps the id that answers already given refer to.
        for (const [position, choice] of input.choices.entries()) {
          if (choice.text !== current.choices[position].text) await manager.update(QuestionChoice, { id: stored.choices[position].id }, { text: choice.text });
        }
      }
    });
    return this.get(id);
  }

  /** Retires rather than deletes: rounds that used the question must still explain their results. */
  async retire(id: number): Promise<QuestionView> {
    await this.get(id);
    await this.questions.update({ id, retiredAt: IsNull() }, { retiredAt: Date.now(), updatedAt: Date.now() });
    return this.get(id);
  }

  /** All or nothing; questions already in the bank (same type, text and choices) are skipped. */
  async import(parsed: Parsed, dryRun: boolean): Promise<{ dryRun: boolean; created: number; skipped: number; errors: [] }> {
    if (parsed.problems.length) {
      throw new AppException(
        422,
        'IMPORT_INVALID',
        {
          vi: `Tệp có ${parsed.problems.length} lỗi nên chưa nhập câu hỏi nào. Sửa các chỗ được nêu rồi tải lên lại.`,
          en: `The file has ${parsed.problems.length} problem(s), so no question was imported. Fix them and upload it again.`,
        },
        { errors: parsed.problems, created: 0 },
      );
    }
    const known = new Set((await this.everything(true)).map((q) => questionFingerprint(q)));
    const fresh: QuestionInput[] = [];
    for (const { question } of parsed.questions) {
      const fingerprint = questionFingerprint(question);
      if (known.has(fingerprint)) continue;
      known.add(fingerprint);
      fresh.push(question);
    }
    if (!dryRun) {
      await this.transactions.run(async (manager) => {
        const now = Date.now();
        for (const question of fresh) await insertQuestion(manager, question, now);
      });
    }
    return { dryRun, created: fresh.length, skipped: parsed.questions.length - fresh.length, errors: [] };
  }

  /** Every question as input, for export and de-duplication. */
  async everything(includeRetired: boolean): Promise<QuestionInput[]> {
    const rows = await this.questions.find({
      where: includeRetired ? {} : { retiredAt: IsNull() },
      relations: { choices: true },
      order: { id: 'ASC' },
    });
    return rows.map((row) => asInput(view(row)));
  }
}

async function insertQuestion(manager: EntityManager, input: QuestionInput, now: number): Promise<number> {
  const { identifiers } = await manager.insert(Question, {
    type: input.type,
    text: input.text,
    topic: input.topic,
    difficulty: input.difficulty,
    explanation: input.explanation,
    retiredAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const id = Number(identifiers[0].id);
  await insertChoices(manager, id, input.choices);
  return id;
}

async function insertChoices(manager: EntityManager, questionId: number, choices: QuestionInput['choices']): Promise<void> {
  await manager.insert(
    QuestionChoice,
    choices.map((choice, position) => ({ questionId, position, text: choice.text, correct: choice.correct })),
  );
}

/** Dealt to an attempt, answered, or on a live round's screen now. */
async function askedAlready(manager: EntityManager, questionId: number): Promise<boolean> {
  return (
    (await manager.exists(AttemptQuestion, { where: { questionId } })) ||
    (await manager.exists(Answer, { where: { questionId } })) ||
    (await manager.exists(Round, { where: { liveQuestionId: questionId } }))
  );
}
