import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { OrganiserPrincipal, Principal } from '../access/principal';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { RoundProblem } from '../contract/errors';
import type { RaceView, RoundStatus, RoundView } from '../contract/races';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { Unit } from '../org/unit.entity';
import { Question } from '../questions/question.entity';
import { usesQuestion } from '../questions/question-rules';
import { RedisConnection } from '../redis/redis.module';
import { CreateRaceDto, CreateRoundDto } from './dto/race.dto';
import { Race } from './race.entity';
import { RoundQuestion } from './round-question.entity';
import { Round } from './round.entity';
import { runsRace, screenReads, seesRace } from './race-rules';
import { RoundAction, applyAction, dueStatus } from './round-lifecycle';
import { RoundAnnouncements, RoundClosings } from './round-events';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Whether a caller may see a race: organisers their subtree's and those above it, screens what they were made for. */
const sees = (viewer: Principal, race: Race) =>
  viewer.kind === 'screen'
    ? screenReads(viewer, race.id, race.unit?.path ?? null)
    : seesRace(viewer.kind === 'organiser' ? viewer.scopePath : null, race.unit?.path ?? null);
const mayRun = (viewer: Principal, race: Race) => viewer.kind === 'organiser' && runsRace(viewer.scopePath, race.unit?.path ?? null);

/** The path of a race's unit, which the audit rows of its rounds carry (null: a district race). */
export const racePath = async (manager: EntityManager, raceId: number): Promise<string | null> =>
  (await manager.findOne(Race, { where: { id: raceId }, relations: { unit: true } }))?.unit?.path ?? null;

const badRound = (problem: RoundProblem) => Errors.of('ROUND_INVALID', problem);

// Answers that read the round as open just before it closed commit within milliseconds; settling waits them out.
const SETTLE_AFTER_MS = 3_000;

/** Races and their rounds; the round's clock lives in the database and jobs only wake it. */
@Injectable()
export class RacesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Races');

  constructor(
    @InjectRepository(Race) private readonly races: Repository<Race>,
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    @InjectRepository(RoundQuestion) private readonly roundQuestions: Repository<RoundQuestion>,
    @InjectRepository(Question) private readonly questions: Repository<Question>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly transactions: Transactions,
    private readonly jobs: JobsService,
    private readonly closings: RoundClosings,
    private readonly announcements: RoundAnnouncements,
    private readonly redis: RedisConnection,
  ) {}

  onModuleInit(): void {
    const wake = ({ roundId }: { roundId: number }) => this.reconcile(roundId).then(() => undefined);
    this.jobs.register(JobName.RoundOpen, wake);
    this.jobs.register(JobName.RoundClose, wake);
    this.redis.onRestore('round schedules', () => this.onApplicationBootstrap());
  }

  /**
   * Start-up, and after a Redis outage: every round whose time came meanwhile moves now, and
   * every future opening and closing is (re)queued, so a lost queue forgets nothing.
   */
  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.rounds.findBy({ status: In(['scheduled', 'open']) });
    for (const round of pending) {
      const status = await this.reconcile(round.id);
      if (status) await this.schedule({ ...round, status });
    }
    if (pending.length) this.logger.log(`Reconciled ${pending.length} scheduled or open round(s)`);
  }

  async createRace(dto: CreateRaceDto, by: OrganiserPrincipal): Promise<RaceView> {
    const startsAt = dto.startsAt ? Date.parse(dto.startsAt) : null;
    const endsAt = dto.endsAt ? Date.parse(dto.endsAt) : null;
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
      throw badRound('ends-first');
    }
    // An organiser of a unit makes races for their unit unless they name one inside it.
    const unitId = dto.unitId ?? by.unitId;
    let unitPath: string | null = null;
    if (unitId !== null) {
      const unit = await this.units.findOneBy({ id: unitId });
      if (!unit || unit.mergedIntoId !== null) throw Errors.notFound(What.unit, unitId);
      if (!runsRace(by.scopePath, unit.path)) throw Errors.outOfScope();
      unitPath = unit.path;
    }
    const race = await this.transactions.run(async (manager) => {
      const saved = await manager.save(manager.create(Race, { name: dto.name, unitId, startsAt, endsAt, createdAt: Date.now() }));
      await recordAudit(manager, {
        action: 'race.create',
        target: { kind: 'race', id: saved.id, name: saved.name },
        unitPath,
        after: { name: saved.name, unitId, startsAt: iso(startsAt), endsAt: iso(endsAt) },
      });
      return saved;
    });
    return this.getRace(race.id, by);
  }

  /** The races the caller may see: their own subtree's and those that reach it from above. */
  async listRaces(viewer: Principal): Promise<RaceView[]> {
    const races = await this.races.find({ relations: { unit: true }, order: { id: 'DESC' } });
    const seen = races.filter((race) => sees(viewer, race));
    const rounds = seen.length ? await this.rounds.find({ where: { raceId: In(seen.map((race) => race.id)) }, order: { id: 'ASC' } }) : [];
    const views = await this.views(rounds);
    return seen.map((race) =>
      this.raceView(
        race,
        viewer,
        views.filter((round) => round.raceId === race.id),
      ),
    );
  }

  async getRace(id: number, viewer: Principal): Promise<RaceView> {
    const race = await this.seenRace(id, viewer);
    const rounds = await this.rounds.find({ where: { raceId: id }, order: { id: 'ASC' } });
    return this.raceView(race, viewer, await this.views(rounds));
  }

  async createRound(raceId: number, dto: CreateRoundDto, by: OrganiserPrincipal): Promise<RoundView> {
    const race = await this.seenRace(raceId, by);
    if (!mayRun(by, race)) throw Errors.outOfScope();
    const opensAt = dto.opensAt ? Date.parse(dto.opensAt) : null;
    const closesAt = dto.closesAt ? Date.parse(dto.closesAt) : null;
    if (opensAt !== null && closesAt !== null && closesAt <= opensAt) {
      throw badRound('closes-first');
    }
    if (!!dto.questionIds === !!dto.draw) {
      throw badRound('ids-or-draw');
    }
    if (dto.questionIds) await this.assertQuestionsUsable(dto.questionIds, by);
    if (dto.draw) await this.assertEnoughToDraw(dto.draw.count, dto.draw.topic ?? null, race);
    const round = await this.transactions.run(async (manager) => {
      const now = Date.now();
      const saved = await manager.save(
        manager.create(Round, {
          raceId,
          name: dto.name,
          mode: dto.mode,
          status: opensAt !== null ? 'scheduled' : 'draft',
          opensAt,
          closesAt,
          secondsPerQuestion: dto.secondsPerQuestion ?? 30,
          speedBonus: dto.speedBonus ?? true,
          streakBonus: dto.streakBonus ?? true,
          // Correct answers stay on the server until a window round closes unless the organiser says
          // otherwise; a live round shows each answer when its question ends, as a hall expects.
          revealAnswers: dto.revealAnswers ?? (dto.mode === 'live' ? 'immediately' : 'after_close'),
          drawCount: dto.draw?.count ?? null,
          drawTopic: dto.draw?.topic?.normalize('NFC').trim() || null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (dto.questionIds) {
        await manager.insert(
          RoundQuestion,
          dto.questionIds.map((questionId, position) => ({ roundId: saved.id, questionId, position })),
        );
      }
      await recordAudit(manager, {
        action: 'round.create',
        target: { kind: 'round', id: saved.id, name: saved.name },
        unitPath: race.unit?.path ?? null,
        after: {
          raceId,
          mode: saved.mode,
          status: saved.status,
          opensAt: iso(opensAt),
          closesAt: iso(closesAt),
          secondsPerQuestion: saved.secondsPerQuestion,
          revealAnswers: saved.revealAnswers,
          ...(dto.questionIds ? { questionIds: dto.questionIds } : { draw: { count: saved.drawCount, topic: saved.drawTopic } }),
        },
      });
      return saved;
    });
    await this.schedule(round);
    return this.getRound(round.id);
  }

  async getRound(id: number, viewer?: Principal): Promise<RoundView> {
    const round = await this.rounds.findOneBy({ id });
    if (!round) throw Errors.notFound(What.round, id);
    if (viewer) await this.seenRace(round.raceId, viewer);
    return (await this.views([round]))[0];
  }

  /** Refuses an organiser who may not run the round's race (out of their subtree). */
  async assertRuns(roundId: number, by: OrganiserPrincipal): Promise<void> {
    const round = await this.rounds.findOneBy({ id: roundId });
    if (!round) throw Errors.notFound(What.round, roundId);
    if (!mayRun(by, await this.seenRace(round.raceId, by))) throw Errors.outOfScope();
  }

  /** Launch now or close now, as an organiser says (the live screen's last question closes it too). */
  async act(id: number, action: Exclude<RoundAction, 'schedule'>, by?: OrganiserPrincipal): Promise<RoundView> {
    if (by) await this.assertRuns(id, by);
    await this.transactions.run(async (manager) => {
      const round = await manager.findOneBy(Round, { id });
      if (!round) throw Errors.notFound(What.round, id);
      const next = applyAction(round.status, action);
      if (!next) {
        throw Errors.of('ROUND_STATE', round.status, action);
      }
      const now = Date.now();
      await manager.update(
        Round,
        { id },
        {
          status: next,
          updatedAt: now,
          ...(action === 'open' ? { opensAt: now } : { closesAt: now }),
        },
      );
      if (next === 'closed') await this.closings.run(manager, { roundId: id, now });
      const time = action === 'open' ? 'opensAt' : 'closesAt';
      await recordAudit(manager, {
        action: `round.${action}`,
        target: { kind: 'round', id, name: round.name },
        unitPath: await racePath(manager, round.raceId),
        before: { status: round.status, [time]: iso(round[time]) },
        after: { status: next, [time]: iso(now) },
      });
    });
    const round = await this.getRound(id);
    this.announcements.announce(round);
    await this.settleLater(round);
    return round;
  }

  /** Moves a round to where its clock says it should be; safe to run late, early or twice. */
  async reconcile(id: number): Promise<RoundStatus | null> {
    const moved = await this.transactions.run(async (manager) => {
      const round = await manager.findOneBy(Round, { id });
      if (!round) return null; // the round is gone: nothing to do
      const now = Date.now();
      const due = dueStatus(round, now);
      const { affected } = due === round.status ? { affected: 0 } : await manager.update(Round, { id, status: round.status }, { status: due, updatedAt: now });
      if (due === 'closed') await this.closings.run(manager, { roundId: id, now });
      if (affected) {
        // A round whose opening and closing both passed while nobody was watching did both.
        const unitPath = await racePath(manager, round.raceId);
        const steps: Array<['open' | 'close', RoundStatus, RoundStatus]> =
          round.status === 'scheduled' && due === 'closed'
            ? [
                ['open', 'scheduled', 'open'],
                ['close', 'open', 'closed'],
              ]
            : [[due === 'open' ? 'open' : 'close', round.status, due]];
        for (const [action, from, to] of steps) {
          await recordAudit(manager, {
            action: `round.${action}`,
            target: { kind: 'round', id, name: round.name },
            unitPath,
            before: { status: from },
            after: { status: to, [action === 'open' ? 'opensAt' : 'closesAt']: iso(action === 'open' ? round.opensAt : round.closesAt), scheduled: true },
          });
        }
      }
      return { round, due, changed: !!affected };
    });
    // Announced after the commit, and only by the instance whose update moved the round.
    if (moved?.changed) {
      const round = { ...moved.round, status: moved.due };
      this.announcements.announce(round);
      await this.settleLater(round);
    }
    return moved?.due ?? null;
  }

  /** A closed round that held its points puts them on the boards a moment later (play: settleScores). */
  private async settleLater(round: Pick<Round, 'id' | 'status' | 'revealAnswers'>): Promise<void> {
    if (round.status !== 'closed' || round.revealAnswers !== 'after_close') return;
    await this.jobs.enqueue(JobName.RoundSettle, { roundId: round.id }, { runAt: Date.now() + SETTLE_AFTER_MS, key: `round.settle:${round.id}` });
  }

  private async schedule(round: Pick<Round, 'id' | 'status' | 'opensAt' | 'closesAt'>): Promise<void> {
    if (round.status === 'scheduled' && round.opensAt !== null) {
      await this.jobs.enqueue(JobName.RoundOpen, { roundId: round.id }, { runAt: round.opensAt, key: `round.open:${round.id}` });
    }
    if ((round.status === 'scheduled' || round.status === 'open') && round.closesAt !== null) {
      await this.jobs.enqueue(JobName.RoundClose, { roundId: round.id }, { runAt: round.closesAt, key: `round.close:${round.id}` });
    }
  }

  /** Active questions the organiser may use; another unit's question is reported as missing, not as existing. */
  private async assertQuestionsUsable(ids: number[], by: OrganiserPrincipal): Promise<void> {
    if (new Set(ids).size !== ids.length) throw badRound('listed-twice');
    const found = await this.questions.find({ where: { id: In(ids), retiredAt: IsNull() }, relations: { unit: true } });
    const missing = ids.filter((id) => !found.some((question) => question.id === id && usesQuestion(by.scopePath, question.unit?.path ?? null)));
    if (missing.length) {
      throw badRound({ missing });
    }
  }

  private async assertEnoughToDraw(count: number, topic: string | null, race: Race): Promise<void> {
    const bank = await this.questions.find({
      where: { retiredAt: IsNull(), ...(topic ? { topic: topic.normalize('NFC').trim() } : {}) },
      relations: { unit: true },
    });
    const available = bank.filter((question) => usesQuestion(race.unit?.path ?? null, question.unit?.path ?? null)).length;
    if (available < count) {
      throw badRound({ available, count });
    }
  }

  private async seenRace(id: number, viewer: Principal): Promise<Race> {
    const race = await this.races.findOne({ where: { id }, relations: { unit: true } });
    if (!race) throw Errors.notFound(What.race, id);
    if (!sees(viewer, race)) throw Errors.outOfScope();
    return race;
  }

  private raceView(race: Race, viewer: Principal, rounds: RoundView[]): RaceView {
    return {
      id: race.id,
      name: race.name,
      unitId: race.unitId,
      unitName: race.unit?.name ?? null,
      manageable: mayRun(viewer, race),
      startsAt: iso(race.startsAt),
      endsAt: iso(race.endsAt),
      rounds,
    };
  }

  private async views(rounds: Round[]): Promise<RoundView[]> {
    if (!rounds.length) return [];
    const fixed = await this.roundQuestions.findBy({ roundId: In(rounds.map((round) => round.id)) });
    return rounds.map((round) => ({
      id: round.id,
      raceId: round.raceId,
      name: round.name,
      status: round.status,
      mode: round.mode,
      opensAt: iso(round.opensAt),
      closesAt: iso(round.closesAt),
      secondsPerQuestion: round.secondsPerQuestion,
      speedBonus: round.speedBonus,
      streakBonus: round.streakBonus,
      revealAnswers: round.revealAnswers,
      questionCount: round.drawCount ?? fixed.filter((q) => q.roundId === round.id).length,
      draw: round.drawCount === null ? null : { count: round.drawCount, topic: round.drawTopic },
    }));
  }
}
