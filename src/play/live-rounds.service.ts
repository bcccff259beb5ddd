import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { OrganiserPrincipal } from '../access/principal';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { LiveGateway } from '../live/live.gateway';
import { QuestionChoice } from '../questions/question-choice.entity';
import { Question } from '../questions/question.entity';
import { usesQuestion } from '../questions/question-rules';
import { Race } from '../races/race.entity';
import { RoundQuestion } from '../races/round-question.entity';
import { Round } from '../races/round.entity';
import { RacesService, racePath } from '../races/races.service';
import { recordAudit } from '../audit/audit';
import { extendable } from '../scoring/time-rules';
import { RedisConnection } from '../redis/redis.module';
import { Answer } from './answer.entity';
import { deadlineOf, expired, parseIds, secondsLeft, shuffled } from './attempt-rules';
import type { LiveExtend, LiveNextReply, PlayQuestion as QuestionView } from '../contract/play';
import { questionView } from './attempt-views';
import { ChoiceHandles, countsByHandle, handlesOf, servedChoices, watcherViewer } from './choice-handles';
import { seatOf } from './live-seats';

/** A reveal as the server knows it, in real choice ids; each socket is sent it in its own handles. */
interface RealReveal {
  roundId: number;
  questionId: number;
  /** Every choice of the question, so each viewer's handles can be computed. */
  choiceIds: number[];
  correctChoiceIds?: number[];
  counts: Record<string, number>;
  answered: number;
}

/**
 * Host-paced rounds: the organiser sends each question to everyone at once; the round row holds
 * which question is on and its clock, so any instance (or a restarted one) answers the same.
 */
@Injectable()
export class LiveRoundsService implements OnModuleInit {
  private readonly graceMs: number;

  constructor(
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    @InjectRepository(Answer) private readonly answers: Repository<Answer>,
    @InjectRepository(QuestionChoice) private readonly choices: Repository<QuestionChoice>,
    private readonly transactions: Transactions,
    private readonly races: RacesService,
    private readonly jobs: JobsService,
    private readonly live: LiveGateway,
    private readonly redis: RedisConnection,
    private readonly handles: ChoiceHandles,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.graceMs = config.answerGraceMs;
  }

  onModuleInit(): void {
    this.jobs.register(JobName.RoundReveal, (payload) => this.reveal(payload.roundId, payload.position, payload.deadline));
    this.redis.onRestore('live reveals', () => this.requeueReveals());
    // Each phone its own order and handles, each screen and organiser theirs: nothing sent to a
    // room is the same for two viewers, so nobody's order or ids tell anything of the author's.
    this.live.shapeEach('live:question', (socket, { roundId, question }: { roundId: number; question: QuestionView }) => {
      const viewer = seatOf(socket, roundId);
      return viewer ? { roundId, question: this.serve(viewer, question) } : null;
    });
    this.live.shapeEach('live:reveal', (socket, real: RealReveal) => {
      const viewer = seatOf(socket, real.roundId);
      if (!viewer) return null;
      const handles = this.handles.of(viewer, real.questionId, real.choiceIds);
      return {
        roundId: real.roundId,
        questionId: real.questionId,
        ...(real.correctChoiceIds ? { correctChoiceIds: handlesOf(handles, real.correctChoiceIds) } : {}),
        counts: countsByHandle(handles, real.counts),
        answered: real.answered,
      };
    });
  }

  /** A question as one viewer is shown it: its handles for ids, ordered by them. */
  private serve(viewer: string, question: QuestionView): QuestionView {
    const handles = this.handles.of(
      viewer,
      question.id,
      question.choices.map((choice) => choice.id),
    );
    return { ...question, choices: servedChoices(question.choices, handles) };
  }

  /** A Redis that came back empty lost the reveal of the question on now: queued again (a reveal is safe twice). */
  private async requeueReveals(): Promise<void> {
    const running = await this.rounds.findBy({ mode: 'live', status: 'open' });
    for (const round of running) {
      if (round.livePosition === null || round.liveDeadline === null) continue;
      await this.revealLater(round.id, round.livePosition, round.liveDeadline);
    }
  }

  /**
   * Keyed by the deadline too: a host's "more time" queues a reveal of its own rather than moving
   * one that another instance may be running, and the earlier one finds itself superseded.
   */
  private revealLater(roundId: number, position: number, deadline: number): Promise<void> {
    return this.jobs.enqueue(
      JobName.RoundReveal,
      { roundId, position, deadline },
      { runAt: deadline + this.graceMs, key: `round.reveal:${roundId}:${position}:${deadline}` },
    );
  }

  /**
   * More time for the question on now, for everyone: its deadline in the round row (which every
   * instance answers by), the reveal queued for the new one, every phone told. Added in the
   * database (deadline + seconds), so two hosts pressing at once both count.
   */
  async extend(roundId: number, seconds: number, by: OrganiserPrincipal): Promise<LiveExtend> {
    await this.races.assertRuns(roundId, by);
    const moved = await this.transactions.run(async (manager) => {
      const round = await manager.findOneBy(Round, { id: roundId });
      if (!round) throw Errors.notFound(What.round, roundId);
      if (round.mode !== 'live') throw Errors.of('WINDOW_ROUND');
      if (round.status !== 'open') throw Errors.of('ROUND_NOT_OPEN', 'host');
      const now = Date.now();
      if (round.liveQuestionId === null || round.livePosition === null || !extendable(now, round.liveDeadline)) throw Errors.of('QUESTION_OVER');
      const { affected } = await manager
        .createQueryBuilder()
        .update(Round)
        // `seconds` is one of LIVE_EXTENSIONS (the DTO says so): a number, never text.
        .set({ liveDeadline: () => `live_deadline + ${Math.trunc(seconds) * 1000}`, updatedAt: now })
        .where('id = :roundId AND live_position = :position AND live_deadline >= :now', { roundId, position: round.livePosition, now })
        .execute();
      if (!affected) throw Errors.of('QUESTION_OVER');
      const after = (await manager.findOneBy(Round, { id: roundId }))!;
      await recordAudit(manager, {
        action: 'round.live_extend',
        target: { kind: 'round', id: roundId, name: round.name },
        unitPath: await racePath(manager, round.raceId),
        before: { questionId: round.liveQuestionId, position: round.livePosition, deadline: new Date(round.liveDeadline!).toISOString() },
        after: { questionId: round.liveQuestionId, position: round.livePosition, deadline: new Date(after.liveDeadline!).toISOString(), seconds },
      });
      return { questionId: round.liveQuestionId, position: round.livePosition, deadline: after.liveDeadline! };
    });
    await this.revealLater(roundId, moved.position, moved.deadline);
    const extended: LiveExtend = {
      roundId,
      questionId: moved.questionId,
      deadline: new Date(moved.deadline).toISOString(),
      secondsLeft: secondsLeft(Date.now(), moved.deadline),
    };
    this.live.toRound(roundId, 'live:extend', extended);
    return extended;
  }

  /** Sends the next question to everyone in the round; after the last one, ends the round. */
  async next(roundId: number, by: OrganiserPrincipal): Promise<LiveNextReply> {
    await this.races.assertRuns(roundId, by);
    const moved = await this.transactions.run(async (manager) => {
      const round = await manager.findOneBy(Round, { id: roundId });
      if (!round) throw Errors.notFound(What.round, roundId);
      if (round.mode !== 'live') throw Errors.of('WINDOW_ROUND');
      if (round.status !== 'open') {
        throw Errors.of('ROUND_NOT_OPEN', 'host');
      }
      const now = Date.now();
      if (round.liveDeadline !== null && !expired(now, round.liveDeadline, this.graceMs)) {
        const left = secondsLeft(now, round.liveDeadline + this.graceMs);
        throw Errors.of('QUESTION_RUNNING', left);
      }
      let questionIds = (await manager.find(RoundQuestion, { where: { roundId }, order: { position: 'ASC' } })).map((q) => q.questionId);
      if (!questionIds.length && round.drawCount) {
        // A live round draws once for everyone, on its first question.
        const race = await manager.findOne(Race, { where: { id: round.raceId }, relations: { unit: true } });
        const bank = await manager.find(Question, {
          where: { retiredAt: IsNull(), ...(round.drawTopic ? { topic: round.drawTopic } : {}) },
          relations: { unit: true },
        });
        const drawable = bank.filter((question) => usesQuestion(race?.unit?.path ?? null, question.unit?.path ?? null));
        questionIds = shuffled(drawable.map((q) => q.id)).slice(0, round.drawCount);
        await manager.insert(
          RoundQuestion,
          questionIds.map((questionId, position) => ({ roundId, questionId, position })),
        );
      }
      const position = (round.livePosition ?? -1) + 1;
      if (position >= questionIds.length) return { ended: true as const };
      const deadline = deadlineOf(now, round.secondsPerQuestion);
      await manager.update(
        Round,
        { id: roundId },
        { livePosition: position, liveQuestionId: questionIds[position], liveSentAt: now, liveDeadline: deadline, updatedAt: now },
      );
      return { ended: false as const, questionId: questionIds[position], position, count: questionIds.length, deadline };
    });
    if (moved.ended) {
      await this.races.act(roundId, 'close');
      return { roundId, question: null, ended: true };
    }
    const question = await this.transactions.steps(() => questionView(moved.questionId, moved.position, moved.count, moved.deadline, Date.now()));
    this.live.eachInRound('live:question', roundId, { roundId, question });
    await this.revealLater(roundId, moved.position, moved.deadline);
    // The host sees it as their own socket in the round's room does.
    return { roundId, question: this.serve(watcherViewer(by.kind, by.id, roundId), question), ended: false };
  }

  /** The answer and how many chose what, once nobody can answer any more. Safe to run twice. */
  async reveal(roundId: number, position: number, deadline?: number): Promise<void> {
    const round = await this.rounds.findOneBy({ id: roundId });
    if (!round || round.livePosition !== position || round.liveQuestionId === null) return;
    // Queued for a deadline the host has since moved: the reveal of the new one shows it. Queued
    // again here (the same key, so at most once), in case the instance that moved it stopped
    // before it could queue that reveal itself.
    if (deadline !== undefined && round.liveDeadline !== deadline) {
      if (round.liveDeadline !== null && round.liveDeadline > deadline) await this.revealLater(roundId, position, round.liveDeadline);
      return;
    }
    const questionId = round.liveQuestionId;
    const choices = await this.choices.find({ where: { questionId }, order: { position: 'ASC' } });
    const given = await this.answers.find({ where: { roundId, questionId }, select: { choiceIds: true } });
    const counts: Record<string, number> = Object.fromEntries(choices.map((choice) => [String(choice.id), 0]));
    for (const answer of given) for (const id of parseIds(answer.choiceIds)) counts[String(id)] = (counts[String(id)] ?? 0) + 1;
    this.live.eachInRound<'live:reveal', RealReveal>('live:reveal', roundId, {
      roundId,
      questionId,
      choiceIds: choices.map((choice) => choice.id),
      // The round's reveal policy decides, here as in every answer reply.
      ...(round.revealAnswers === 'immediately' ? { correctChoiceIds: choices.filter((choice) => choice.correct).map((choice) => choice.id) } : {}),
      counts,
      answered: given.filter((answer) => answer.choiceIds !== null).length,
    });
  }
}
