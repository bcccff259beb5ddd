import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { Brackets, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { recordAudit, recordUpdate } from '../audit/audit';
import { OrganiserPrincipal } from '../access/principal';
import type { QuestionType } from '../contract/play';
import type { QuestionImportReport, QuestionPage, QuestionView, TopicCount } from '../contract/questions';
import { rows } from '../database/steps';
import { stepsIn } from '../database/steps-in';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { assertManages, subtreePattern } from '../org/scope';
import { Unit } from '../org/unit.entity';
import { CreateQuestionDto, ListQuestionsQuery, UpdateQuestionDto, VersionQuestionDto } from './dto/question.dto';
import { writeQuestionFile } from './question-files';
import { QuestionDealings, QuestionReplacements } from './question-hooks';
import { Parsed } from './question-formats';
import {
  QuestionInput,
  ancestorPaths,
  normaliseQuestion,
  ownsQuestion,
  questionFingerprint,
  questionProblems,
  storedOrder,
  usesQuestion,
  wordingOnly,
} from './question-rules';
import { QuestionChoice } from './question-choice.entity';
import { Question } from './question.entity';
import { Caller, asInput, audited, scopeOf, view } from './question-views';

function refuseInvalid(problems: { field: string; message: string; vi: string }[]): never {
  throw Errors.of('QUESTION_INVALID', problems).with({ errors: problems.map((p) => ({ row: 0, ...p })) });
}

const inUse = () => Errors.of('QUESTION_IN_USE');

const alreadyReplaced = (by: number) => Errors.of('QUESTION_REPLACED', by);

/** The bank: organisers write, import, version and retire questions of their own; nobody deletes one. */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectRepository(Question) private readonly questions: Repository<Question>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly transactions: Transactions,
    private readonly dealings: QuestionDealings,
    private readonly replacements: QuestionReplacements,
  ) {}

  async create(dto: CreateQuestionDto, by: OrganiserPrincipal): Promise<QuestionView> {
    const input = normaliseQuestion({ ...dto, topic: dto.topic ?? null, difficulty: dto.difficulty ?? 1, explanation: dto.explanation ?? null });
    const problems = questionProblems(input);
    if (problems.length) refuseInvalid(problems);
    const owner = await this.ownerFor(by, dto.unitId);
    const id = await this.transactions.run(async (manager) => {
      const made = await insertQuestion(manager, input, { unitId: owner?.id ?? null, replacesId: null }, Date.now());
      await recordAudit(manager, {
        action: 'question.create',
        target: { kind: 'question', id: made, name: input.text },
        unitPath: owner?.path ?? null,
        after: audited(input),
      });
      return made;
    });
    return this.get(id, by);
  }

  async list(query: ListQuestionsQuery, by: OrganiserPrincipal): Promise<QuestionPage> {
    const base = () => {
      const qb = this.questions.createQueryBuilder('q').leftJoin('q.unit', 'u');
      if (query.topic) qb.andWhere('q.topic = :topic', { topic: query.topic.normalize('NFC').trim() });
      if (!query.includeRetired) qb.andWhere('q.retired_at IS NULL');
      return within(qb, by.scopePath, query.own ?? false);
    };
    const total = await base().getCount();
    const rows: { id: number | string }[] = await base()
      .select('q.id', 'id')
      .orderBy('q.id', 'ASC')
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 50)
      .getRawMany();
    return {
      total,
      items: await this.views(
        rows.map((row) => Number(row.id)),
        by,
      ),
    };
  }

  /** Topics of the questions the organiser may use, for filters and draws. */
  async topics(by: OrganiserPrincipal): Promise<TopicCount[]> {
    const rows: { topic: string; count: string | number }[] = await within(this.questions.createQueryBuilder('q').leftJoin('q.unit', 'u'), by.scopePath, false)
      .select('q.topic', 'topic')
      .addSelect('COUNT(*)', 'count')
      .andWhere('q.retired_at IS NULL AND q.topic IS NOT NULL')
      .groupBy('q.topic')
      .orderBy('q.topic', 'ASC')
      .getRawMany();
    return rows.map((row) => ({ topic: row.topic, count: Number(row.count) }));
  }

  /** A sibling unit's question is not theirs to see at all (403); one from above shows without its key. */
  async get(id: number, by: OrganiserPrincipal): Promise<QuestionView> {
    const question = await this.questions.findOne({ where: { id }, relations: { unit: true } });
    if (!question) throw Errors.notFound(What.question, id);
    if (!usesQuestion(by.scopePath, question.unit?.path ?? null)) throw Errors.outOfScope();
    return (await this.views([id], by))[0];
  }

  /**
   * Edits a question the organiser owns. Once dealt in a round it keeps what marking reads (type,
   * choices, which are correct) and its wording changes only as typo fixes (question-rules
   * `wordingOnly`); anything more is a new version (409 QUESTION_IN_USE), even for the admin.
   */
  async update(id: number, dto: UpdateQuestionDto, by: OrganiserPrincipal): Promise<QuestionView> {
    await this.transactions.run(async (manager) => {
      const stored = await this.ownedForChange(manager, id, by);
      const current = asInput(stored);
      const input = merged(current, dto);
      if (dto.retired === false && stored.retiredAt !== null) {
        const newer = await manager.findOneBy(Question, { replacesId: id });
        if (newer) throw alreadyReplaced(newer.id);
      }
      // The same type and the same number of choices, correct in the same places: the choices keep their ids.
      const reshaped =
        input.type !== current.type ||
        input.choices.length !== current.choices.length ||
        input.choices.some((choice, position) => choice.correct !== current.choices[position].correct);
      const reworded =
        input.text !== current.text ||
        input.explanation !== current.explanation ||
        input.choices.some((choice, position) => choice.text !== current.choices[position]?.text);
      // What a participant was asked and scored on stays as it was.
      const dealt = (reshaped || reworded) && (await this.dealings.run(manager, { questionId: id })).some(Boolean);
      if (dealt && (reshaped || !wordingOnly(current, input))) throw inUse();
      const now = Date.now();
      const retired = dto.retired !== undefined ? dto.retired : stored.retiredAt !== null;
      await manager.update(
        Question,
        { id },
        {
          type: input.type,
          text: input.text,
          topic: input.topic,
          difficulty: input.difficulty,
          explanation: input.explanation,
          updatedAt: now,
          ...(dto.retired !== undefined && dto.retired !== (stored.retiredAt !== null) ? { retiredAt: dto.retired ? now : null } : {}),
        },
      );
      if (reshaped) {
        await manager.delete(QuestionChoice, { questionId: id });
        await insertChoices(manager, id, input.type, input.choices);
      } else {
        // In place, so each choice keeps the id that answers already given refer to.
        const choices = [...(stored.choices ?? [])].sort((a, b) => a.position - b.position);
        for (const [position, choice] of input.choices.entries()) {
          if (choice.text !== choices[position].text) await manager.update(QuestionChoice, { id: choices[position].id }, { text: choice.text });
        }
      }
      await recordUpdate(
        manager,
        { action: dealt ? 'question.typo_fix' : 'question.update', target: { kind: 'question', id, name: input.text }, unitPath: stored.unit?.path ?? null },
        audited({ ...current, retired: stored.retiredAt !== null }),
        audited({ ...input, retired }),
      );
    });
    return this.get(id, by);
  }

  /** Retires rather than deletes: rounds that used the question must still explain their results. */
  async retire(id: number, by: OrganiserPrincipal): Promise<QuestionView> {
    await this.transactions.run(async (manager) => {
      const stored = await this.ownedForChange(manager, id, by);
      if (stored.retiredAt !== null) return;
      const now = Date.now();
      await manager.update(Question, { id }, { retiredAt: now, updatedAt: now });
      await recordAudit(manager, {
        action: 'question.retire',
        target: { kind: 'question', id, name: stored.text },
        unitPath: stored.unit?.path ?? null,
        before: { retired: false },
        after: { retired: true },
      });
    });
    return this.get(id, by);
  }

  /**
   * A new question in place of one the organiser owns (the way to change a dealt question): it
   * names the one it replaces, which is retired in the same transaction, so draws take only the
   * new one. Rounds not yet opened that list the old question ask the new one instead; rounds
   * already open or closed keep what they dealt.
   */
  async version(id: number, dto: VersionQuestionDto, by: OrganiserPrincipal): Promise<QuestionView> {
    const made = await this.transactions.run(async (manager) => {
      const stored = await this.ownedForChange(manager, id, by);
      const newer = await manager.findOneBy(Question, { replacesId: id });
      if (newer) throw alreadyReplaced(newer.id);
      const current = asInput(stored);
      const input = merged(current, dto);
      const now = Date.now();
      const created = await insertQuestion(manager, input, { unitId: stored.unitId, replacesId: id }, now);
      if (stored.retiredAt === null) await manager.update(Question, { id }, { retiredAt: now, updatedAt: now });
      const rounds = (await this.replacements.run(manager, { replacedId: id, createdId: created })).flat();
      await recordAudit(manager, {
        action: 'question.version',
        target: { kind: 'question', id: created, name: input.text },
        unitPath: stored.unit?.path ?? null,
        before: { replaces: id, ...audited(current) },
        after: { ...audited(input), retiredId: id, rounds },
      });
      return created;
    });
    return this.get(made, by);
  }

  /**
   * All or nothing; questions the organiser can already use (same type, text and choices) are
   * skipped. Imported questions are the importer's unit's (the district's for district organisers
   * and for the app's own seed).
   */
  async import(parsed: Parsed, dryRun: boolean, by?: OrganiserPrincipal): Promise<QuestionImportReport> {
    if (parsed.problems.length) {
      throw Errors.of('IMPORT_INVALID', { questionProblems: parsed.problems.length }).with({ errors: parsed.problems, created: 0 });
    }
    const known = new Set((await this.usable(by)).map((q) => questionFingerprint(q)));
    const fresh: QuestionInput[] = [];
    for (const { question } of parsed.questions) {
      const fingerprint = questionFingerprint(question);
      if (known.has(fingerprint)) continue;
      known.add(fingerprint);
      fresh.push(question);
    }
    const skipped = parsed.questions.length - fresh.length;
    if (!dryRun) {
      const owner = by?.unitId ? await this.units.findOneBy({ id: by.unitId }) : null;
      await this.transactions.run(async (manager) => {
        const now = Date.now();
        for (const question of fresh) await insertQuestion(manager, question, { unitId: owner?.id ?? null, replacesId: null }, now);
        await recordAudit(manager, {
          action: 'question.import',
          target: { kind: 'question_import', id: null },
          unitPath: owner?.path ?? null,
          after: { created: fresh.length, skipped },
        });
      });
    }
    return { dryRun, created: fresh.length, skipped, errors: [] };
  }

  /** The file of the questions the organiser owns, answer keys included; recorded as an export. */
  async exportFile(by: OrganiserPrincipal, format: 'csv' | 'xlsx', includeRetired: boolean): Promise<Buffer> {
    const qb = this.questions.createQueryBuilder('q').leftJoin('q.unit', 'u').select('q.id', 'id').orderBy('q.id', 'ASC');
    if (!includeRetired) qb.andWhere('q.retired_at IS NULL');
    const ids = (await within(qb, by.scopePath, true).getRawMany<{ id: number | string }>()).map((row) => Number(row.id));
    const rows = await this.load(ids);
    const file = await writeQuestionFile(rows.map(asInput), format);
    await this.transactions.run((manager) =>
      recordAudit(manager, {
        action: 'export.questions',
        target: { kind: 'question_export', id: null, name: `cau-hoi.${format}` },
        unitPath: by.scopePath,
        after: { format, questions: rows.length, includeRetired, answerKeys: true },
      }),
    );
    return file;
  }

  /** Every question the organiser may use (retired too), as input: what an import skips. */
  private async usable(by: Caller): Promise<QuestionInput[]> {
    const ids = (
      await within(this.questions.createQueryBuilder('q').leftJoin('q.unit', 'u').select('q.id', 'id'), scopeOf(by), false).getRawMany<{
        id: number | string;
      }>()
    ).map((row) => Number(row.id));
    return (await this.load(ids)).map(asInput);
  }

  private async load(ids: number[]): Promise<Question[]> {
    const rows: Question[] = [];
    // In slices: a bank of thousands would pass SQLite's and PostgreSQL's parameter limits in one IN.
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(...(await this.questions.find({ where: { id: In(ids.slice(i, i + 500)) }, relations: { choices: true, unit: true }, order: { id: 'ASC' } })));
    }
    return rows;
  }

  private async views(ids: number[], by: Caller): Promise<QuestionView[]> {
    if (!ids.length) return [];
    const rows = await this.load(ids);
    const newer = await this.questions.find({ where: { replacesId: In(ids) }, select: { id: true, replacesId: true } });
    return rows.map((row) => view(row, by, newer.find((q) => q.replacesId === row.id)?.id ?? null));
  }

  /** The unit a new question belongs to: the organiser's own, or one they name within their scope. */
  private async ownerFor(by: OrganiserPrincipal, unitId: number | undefined): Promise<Unit | null> {
    const id = unitId ?? by.unitId;
    if (id === null || id === undefined) return null;
    const unit = await this.units.findOneBy({ id });
    if (!unit || unit.mergedIntoId !== null) throw Errors.notFound(What.unit, id);
    assertManages(by, unit.path);
    return unit;
  }

  /**
   * The question as stored, locked against a concurrent dealing on PostgreSQL (dealing inserts rows
   * that reference it, which wait for this lock), refused unless the organiser owns it.
   */
  private async ownedForChange(manager: EntityManager, id: number, by: OrganiserPrincipal): Promise<Question> {
    if (manager.connection.options.type === 'postgres') await stepsIn(manager, rows('SELECT id FROM question WHERE id = ? FOR UPDATE', id));
    const stored = await manager.findOne(Question, { where: { id }, relations: { choices: true, unit: true } });
    if (!stored) throw Errors.notFound(What.question, id);
    if (!ownsQuestion(by.scopePath, stored.unit?.path ?? null)) throw Errors.outOfScope();
    return stored;
  }
}

/** The stored question with a PATCH (or a version's body) laid over it, normalised and checked. */
function merged(current: QuestionInput, dto: UpdateQuestionDto | VersionQuestionDto): QuestionInput {
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
  return input;
}

/**
 * Limits a query on `question q` (joined to its owner `unit u`) to what an organiser may use, or
 * with `own` to what they own. The district (scope null) uses and owns everything.
 */
function within(qb: SelectQueryBuilder<Question>, scopePath: string | null, own: boolean): SelectQueryBuilder<Question> {
  if (scopePath === null) return qb;
  if (own) return qb.andWhere('u.path LIKE :below', { below: subtreePattern(scopePath) });
  return qb.andWhere(
    new Brackets((where) =>
      where
        .where('q.unit_id IS NULL')
        .orWhere('u.path IN (:...above)', { above: ancestorPaths(scopePath) })
        .orWhere('u.path LIKE :below', { below: subtreePattern(scopePath) }),
    ),
  );
}

async function insertQuestion(
  manager: EntityManager,
  input: QuestionInput,
  owner: { unitId: number | null; replacesId: number | null },
  now: number,
): Promise<number> {
  const { identifiers } = await manager.insert(Question, {
    type: input.type,
    text: input.text,
    topic: input.topic,
    difficulty: input.difficulty,
    explanation: input.explanation,
    unitId: owner.unitId,
    replacesId: owner.replacesId,
    retiredAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const id = Number(identifiers[0].id);
  await insertChoices(manager, id, input.type, input.choices);
  return id;
}

async function insertChoices(manager: EntityManager, questionId: number, type: QuestionType, choices: QuestionInput['choices']): Promise<void> {
  await manager.insert(
    QuestionChoice,
    storedOrder(type, choices, randomInt).map((choice, position) => ({ questionId, position, text: choice.text, correct: choice.correct })),
  );
}
