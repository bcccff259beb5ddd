import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { AppException } from '../http/app-exception';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { MetricsService } from '../metrics/metrics.service';
import { Round } from '../races/round.entity';
import { RedisConnection } from '../redis/redis.module';
import type { AnswerReply, AttemptView, MyRound } from '../contract/play';
import type { RoundMode } from '../contract/races';
import { HELD_ROUND } from '../standings/held-round';
import { StandingsService } from '../standings/standings.service';
import { AnswerWriter } from './answer-writer';
import { Outcome } from './outcome';
import { AttemptViews } from './attempt-views';
import { LiveWorks } from './live-flow';
import { WindowWorks } from './window-flow';
import { ChoiceHandles } from './choice-handles';
import { multiplierOf } from '../scoring/time-rules';
import { AnswerDto } from './dto/answer.dto';

/** Playing rounds: the window and live works run on the answer hot path of Transactions. */
@Injectable()
export class PlayService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Play');
  private readonly window: WindowWorks;
  private readonly live: LiveWorks;

  constructor(
    private readonly transactions: Transactions,
    private readonly metrics: MetricsService,
    private readonly standings: StandingsService,
    private readonly jobs: JobsService,
    private readonly redis: RedisConnection,
    @InjectRepository(Round) private readonly rounds: Repository<Round>,
    @Inject(APP_CONFIG) config: AppConfig,
    handles: ChoiceHandles,
  ) {
    const settings = { graceMs: config.answerGraceMs, handles };
    const views = new AttemptViews(settings);
    const writer = new AnswerWriter(settings, views);
    this.window = new WindowWorks(settings, views, writer);
    this.live = new LiveWorks(settings, views, writer);
  }

  onModuleInit(): void {
    this.jobs.register(JobName.RoundSettle, ({ roundId }) => this.settleScores(roundId));
    this.redis.onRestore('score settling', () => this.settleClosedRounds());
  }

  /**
   * Attempts left open in rounds that closed while the app was down are finished now, and
   * rounds that closed holding their points (the settling job lost or not run yet) settle.
   */
  async onApplicationBootstrap(): Promise<void> {
    const now = Date.now();
    const closed = await this.transactions.read(() =>
      rows<{ id: number }>("SELECT DISTINCT r.id FROM round r JOIN attempt a ON a.round_id = r.id WHERE r.status = 'closed' AND a.finished_at IS NULL"),
    );
    for (const { id } of closed) await this.finishRound(id, now);
    if (closed.length) this.logger.log(`Finished the open attempts of ${closed.length} closed round(s)`);
    await this.settleClosedRounds();
  }

  private async settleClosedRounds(): Promise<void> {
    const unsettled = await this.transactions.read(() =>
      rows<{ id: number }>("SELECT id FROM round WHERE status = 'closed' AND reveal_answers = 'after_close' AND scores_settled_at IS NULL"),
    );
    for (const { id } of unsettled) await this.settleScores(Number(id));
  }

  /** A closed round that held its points puts them on the boards. Safe to run late or twice. */
  async settleScores(roundId: number): Promise<void> {
    const round = await this.rounds.findOneBy({ id: roundId });
    if (!round || round.scoresSettledAt !== null) return;
    if (await this.standings.settleRound(roundId, round.raceId)) this.logger.log(`Round ${roundId} closed: its points are on the boards now`);
  }

  async start(roundId: number, participantId: number): Promise<{ created: boolean; attempt: AttemptView }> {
    const outcome = await this.transactions.steps(() => this.window.start(roundId, participantId, Date.now()));
    return { created: !!(outcome.ok && outcome.created), attempt: accepted(outcome) };
  }

  async current(attemptId: number, participantId: number): Promise<AttemptView> {
    return accepted(await this.transactions.steps(() => this.window.current(attemptId, participantId, Date.now())));
  }

  async answer(attemptId: number, participantId: number, dto: AnswerDto, receivedAt: number): Promise<AnswerReply> {
    const outcome = await this.transactions.steps(() => this.window.answer(attemptId, participantId, dto.questionId, dto.choiceIds, receivedAt));
    this.committed(outcome, 'http');
    return accepted(outcome);
  }

  async joinLive(roundId: number, participantId: number): Promise<AttemptView> {
    return accepted(await this.transactions.steps(() => this.live.join(roundId, participantId, Date.now())));
  }

  async answerLive(roundId: number, participantId: number, dto: AnswerDto, receivedAt: number): Promise<AnswerReply> {
    const outcome = await this.transactions.steps(() => this.live.answer(roundId, participantId, dto.questionId, dto.choiceIds, receivedAt));
    this.committed(outcome, 'socket');
    return accepted(outcome);
  }

  /** After the commit: counted, and the standings' readers told. The boards' cache may lag; the database never does. */
  private committed(outcome: Outcome<AnswerReply>, channel: 'http' | 'socket'): void {
    if (!outcome.ok || !outcome.standing) return;
    this.metrics.answers.inc({ channel });
    this.standings.answered(outcome.standing).catch((error: unknown) => this.logger.warn(`Board cache not updated: ${String(error)}`));
  }

  /** Idempotent: run when a round closes, again at start-up, and by anyone who sees it closed. */
  finishRound(roundId: number, now = Date.now()): Promise<number> {
    return this.transactions.steps(() => this.window.finishRound(roundId, now));
  }

  /** Open rounds for the participant, with how far they have got in each. */
  async myRounds(participantId: number): Promise<MyRound[]> {
    // A unit's race is listed to its subtree (and to anyone who already started one of its rounds).
    const found = await this.transactions.read(() =>
      rows<Record<string, unknown>>(
        'SELECT r.id, r.race_id, ra.name AS race_name, r.name, r.mode, r.closes_at, r.seconds_per_question, r.draw_count, ' +
          '(SELECT COUNT(*) FROM round_question q WHERE q.round_id = r.id) AS fixed_count, ' +
          `a.id AS attempt_id, a.finished_at, CASE WHEN ${HELD_ROUND} THEN 0 ELSE a.score END AS score, r.reveal_answers, ` +
          // The time an attempt began with, or the person's time now for one not begun.
          'COALESCE(a.time_percent, (SELECT p.time_percent FROM participant p WHERE p.id = ?)) AS time_percent ' +
          'FROM round r JOIN race ra ON ra.id = r.race_id LEFT JOIN unit ru ON ru.id = ra.unit_id ' +
          'LEFT JOIN attempt a ON a.round_id = r.id AND a.participant_id = ? ' +
          "WHERE r.status = 'open' AND (ra.unit_id IS NULL OR a.id IS NOT NULL OR " +
          `(SELECT pu.path FROM participant p JOIN unit pu ON pu.id = p.unit_id WHERE p.id = ?) LIKE ru.path || '%') ` +
          'ORDER BY r.closes_at, r.id',
        participantId,
        participantId,
        participantId,
      ),
    );
    const now = Date.now();
    return found
      .filter((row) => row.closes_at === null || Number(row.closes_at) > now)
      .map((row) => ({
        id: Number(row.id),
        raceId: Number(row.race_id),
        raceName: String(row.race_name),
        name: String(row.name),
        mode: row.mode as RoundMode,
        closesAt: row.closes_at === null ? null : new Date(Number(row.closes_at)).toISOString(),
        secondsPerQuestion: Number(row.seconds_per_question),
        questionCount: Number(row.draw_count ?? row.fixed_count),
        attempted: row.attempt_id !== null,
        finished: row.finished_at !== null && row.finished_at !== undefined,
        score: Number(row.score ?? 0),
        // Listed rounds are open: one that reveals after closing holds its scores until then.
        ...(row.reveal_answers === 'after_close' ? { scoresHeld: true as const } : {}),
        ...(multiplierOf(Number(row.time_percent)) > 1 ? { timeMultiplier: multiplierOf(Number(row.time_percent)) } : {}),
      }));
  }
}

/** The value of an accepted outcome; a refusal becomes the HTTP error it describes. */
function accepted<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { status, code, vi, en, extra } = outcome.refusal;
  throw new AppException(status, code, { vi, en }, extra);
}
