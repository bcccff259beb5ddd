import { Inject, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Namespace, Socket } from 'socket.io';
import { Principal } from '../access/principal';
import { ReadLimits, readCost } from '../access/read-limits';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Errors } from '../http/errors';
import { MAX_ID } from '../http/id-param';
import { handleSocketEvent } from '../live/socket-event';
import { RedisConnection } from '../redis/redis.module';
import { BoardRegistry, MemoryBoardRegistry, RedisBoardRegistry, WatchedBoard } from './board-registry';
import type { BoardName, BoardReply, BoardUpdate, UnitSort } from '../contract/boards';
import type { AckOf } from '../contract/events';
import { BOARDS, Ranked, UNIT_SORTS, boardMoves } from './board-rules';
import { BoardSpec, BoardsService } from './boards.service';

/** At most 4 updates a second a board, whatever the answer rate. */
const TICK_MS = 250;

class BoardSubscribeDto {
  @IsIn(BOARDS)
  board!: BoardName;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  race?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  round?: number;

  /** A screen shows the top of a board; 50 is more than a hall can read. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;

  @IsOptional()
  @IsIn(UNIT_SORTS)
  sort?: UnitSort;
}

const roomOf = (key: string) => `board:${key}`;

/** A screen rotates through five boards; eight leave room, and cap what one socket makes the ticker recompute. */
const MAX_BOARDS_PER_SOCKET = 8;

const tooManyBoards = () => Errors.of('TOO_MANY_BOARDS', MAX_BOARDS_PER_SOCKET);

/**
 * Board subscriptions on `/live`. Each board a socket watches is a room. A ticker on one
 * instance (the registry's lease holder) looks at the boards whose race or round changed and
 * sends each such board's top once per tick to its room on every instance, through the Redis
 * adapter when there is one; a screen's cost does not grow with the answer rate.
 */
@WebSocketGateway({ namespace: '/live' })
export class BoardsGateway implements OnModuleInit, OnApplicationShutdown {
  @WebSocketServer()
  private readonly namespace!: Namespace;
  /** Boards watched by sockets connected here. */
  private readonly local = new Map<string, WatchedBoard<BoardSpec>>();
  private readonly registry: BoardRegistry<BoardSpec>;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private failing = false;
  private readonly logger = new Logger('Boards');

  constructor(
    private readonly boards: BoardsService,
    private readonly reads: ReadLimits,
    redis: RedisConnection,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.registry = redis.client ? new RedisBoardRegistry(redis.client, config.redisPrefix) : new MemoryBoardRegistry();
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  @SubscribeMessage('board:subscribe')
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<AckOf<'board:subscribe'>> {
    return handleSocketEvent(socket, BoardSubscribeDto, body, async (principal, dto) => {
      const spec: BoardSpec = { board: dto.board, race: dto.race, round: dto.round, limit: dto.limit ?? 10, unitId: dto.unitId, sort: dto.sort };
      const scope = spec.round ? `round:${spec.round}` : `race:${spec.race}`;
      const key = JSON.stringify([spec.board, spec.race ?? null, spec.round ?? null, spec.limit, spec.unitId ?? null, spec.sort ?? null]);
      // Counted before any read (a refused board gives its place back); the same board asked again is not another.
      const watched = ((socket.data as { boards?: Set<string> }).boards ??= new Set<string>());
      const added = !watched.has(key);
      if (added && watched.size >= MAX_BOARDS_PER_SOCKET) throw tooManyBoards();
      watched.add(key);
      const first = await this.read(principal, spec, scope).catch((error: unknown) => {
        if (added) watched.delete(key);
        throw error;
      });
      const board = { key, spec, scope };
      this.local.set(key, board);
      const state = await this.registry.watch(board, { seq: 0, version: first.version, last: ranked(first.board) });
      await socket.join(roomOf(key));
      return { seq: state.seq, snapshot: first.board };
    });
  }

  /** A subscription's first snapshot, counted against the token as an HTTP read of the board is. */
  private async read(principal: Principal, spec: BoardSpec, scope: string): Promise<{ board: BoardReply; version: number }> {
    await this.reads.take(principal, readCost('board', spec));
    // The version is read before the board, so a change in between is sent by the next tick.
    const [version] = await this.boards.versionsOf([scope]);
    return { board: await this.boards.board(spec, principal), version };
  }

  private async tick(): Promise<void> {
    if (this.ticking || !this.namespace) return;
    this.ticking = true;
    try {
      const rooms = this.namespace.adapter.rooms;
      for (const key of this.local.keys()) if (!rooms.get(roomOf(key))?.size) this.local.delete(key);
      await this.registry.keep([...this.local.values()]);
      if (!(await this.registry.lead())) return;
      const boards = await this.registry.boards();
      const versions = await this.boards.versionsOf(boards.map((board) => board.scope));
      for (const [i, board] of boards.entries()) {
        if (versions[i] === board.state.version) continue;
        const snapshot: BoardReply = await this.boards.board(board.spec);
        const before = board.state;
        const state = { seq: before.seq + 1, version: versions[i], last: ranked(snapshot) };
        await this.registry.saved(board.key, state);
        const update: BoardUpdate = { ...snapshot, seq: state.seq, moves: boardMoves(before.last, state.last) };
        this.namespace.to(roomOf(board.key)).emit('board:update', update);
      }
      this.failing = false;
    } catch (error) {
      // A board that cannot be read now (Redis away, race deleted) is tried again next tick; said once
      // until a tick goes through, not four times a second.
      if (!this.failing) this.logger.warn(`Board ticker: ${String(error)}`);
      this.failing = true;
    } finally {
      this.ticking = false;
    }
  }
}

const ranked = (reply: BoardReply): Ranked[] => reply.entries.map((entry) => ({ id: entry.id, rank: entry.rank }));
