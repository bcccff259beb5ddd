import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { RedisConnection } from '../redis/redis.module';
import { StandingChange } from '../standings/answer-standings';
import { HELD_ROUND } from '../standings/held-round';
import { StandingsEvent, StandingsService } from '../standings/standings.service';
import { BoardVersions } from './board-versions';
import { RedisScoreStore } from './redis-score-store';
import { MemoryScoreStore, ScoreStore } from './score-store';

/**
 * The individuals' boards as a cache of the standings (memory or Redis): rebuilt from the
 * database at start-up, raised after every change the standings tell of, and the boards that
 * changed marked so the ticker sends them.
 */
@Injectable()
export class BoardCache implements OnApplicationBootstrap {
  private readonly logger = new Logger('Boards');
  readonly store: ScoreStore;

  constructor(
    private readonly transactions: Transactions,
    private readonly versions: BoardVersions,
    redis: RedisConnection,
    standings: StandingsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = redis.client ? new RedisScoreStore(redis.client, config.redisPrefix) : new MemoryScoreStore();
    redis.onRestore('boards', () => this.restoreAfterOutage());
    standings.onChange((event) => this.changed(event));
  }

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const count = await this.rebuild();
    this.logger.log(`Rebuilt ${count} board(s) in the ${this.store.kind} store in ${Date.now() - started} ms`);
  }

  /**
   * Fills the score store from the database: every race's standings and every round's attempts.
   * `raise` refills in place while answers keep arriving (after a Redis outage) instead of swapping.
   */
  async rebuild(how: 'replace' | 'raise' = 'replace'): Promise<number> {
    const races = await this.transactions.read(() => rows<{ id: number }>('SELECT id FROM race'));
    const rounds = await this.transactions.read(() => rows<{ id: number }>('SELECT DISTINCT round_id AS id FROM attempt WHERE answered > 0'));
    for (const { id } of races) {
      const entries = await this.transactions.read(() =>
        rows<{ id: number; score: number }>('SELECT participant_id AS id, score FROM race_standing WHERE race_id = ?', id),
      );
      await this.store[how === 'replace' ? 'replace' : 'raiseAll'](
        `race:${id}`,
        entries.map((e) => ({ id: Number(e.id), score: Number(e.score) })),
      );
    }
    for (const { id } of rounds) {
      const entries = await this.transactions.read(() =>
        rows<{ id: number; score: number }>(
          `SELECT a.participant_id AS id, CASE WHEN ${HELD_ROUND} THEN 0 ELSE a.score END AS score FROM attempt a JOIN round r ON r.id = a.round_id WHERE a.round_id = ? AND a.answered > 0`,
          id,
        ),
      );
      await this.store[how === 'replace' ? 'replace' : 'raiseAll'](
        `round:${id}`,
        entries.map((e) => ({ id: Number(e.id), score: Number(e.score) })),
      );
    }
    return races.length + rounds.length;
  }

  private changed(event: StandingsEvent): Promise<void> {
    if (event.kind === 'answered') return this.answered(event.change);
    if (event.kind === 'settled') return this.settled(event.roundId, event.raceId);
    return this.rebuilt(event.raceId);
  }

  /** After a Redis outage: boards refilled, and every board marked changed so screens get them again. */
  private async restoreAfterOutage(): Promise<void> {
    await this.rebuild('raise');
    const races = await this.transactions.read(() => rows<{ id: number }>('SELECT id FROM race'));
    const rounds = await this.transactions.read(() => rows<{ id: number }>('SELECT id FROM round'));
    await this.versions.touch([...races.map(({ id }) => `race:${id}`), ...rounds.map(({ id }) => `round:${id}`)]);
  }

  /** After an answer's commit: the cache learns the new scores and the boards are marked changed. */
  private async answered(change: StandingChange): Promise<void> {
    await Promise.all([
      this.store.raise(`race:${change.raceId}`, change.participantId, change.raceScore),
      this.store.raise(`round:${change.roundId}`, change.participantId, change.roundScore),
    ]);
    await this.versions.touch([`race:${change.raceId}`, `round:${change.roundId}`]);
  }

  /** A held round was settled: its players' race and round scores rise at once. */
  private async settled(roundId: number, raceId: number): Promise<void> {
    const played = 'SELECT participant_id FROM attempt WHERE round_id = ? AND answered > 0';
    const race = await this.transactions.read(() =>
      rows<{ id: number; score: number }>(
        `SELECT participant_id AS id, score FROM race_standing WHERE race_id = ? AND participant_id IN (${played})`,
        raceId,
        roundId,
      ),
    );
    const round = await this.transactions.read(() =>
      rows<{ id: number; score: number }>('SELECT participant_id AS id, score FROM attempt WHERE round_id = ? AND answered > 0', roundId),
    );
    const entries = (found: Array<{ id: number; score: number }>) => found.map((e) => ({ id: Number(e.id), score: Number(e.score) }));
    await this.store.raiseAll(`race:${raceId}`, entries(race));
    await this.store.raiseAll(`round:${roundId}`, entries(round));
    await this.versions.touch([`race:${raceId}`, `round:${roundId}`]);
  }

  /** A race's standings were rebuilt: scores may have fallen, so the whole store is filled again. */
  private async rebuilt(raceId: number): Promise<void> {
    await this.rebuild();
    await this.versions.touch([`race:${raceId}`]);
  }
}
