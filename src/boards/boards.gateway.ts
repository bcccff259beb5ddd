import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Namespace, Socket } from 'socket.io';
import { MAX_ID } from '../http/id-param';
import { Ack, handleSocketEvent } from '../live/socket-event';
import { BOARDS, BoardName, Ranked, UNIT_SORTS, UnitSort, boardMoves } from './board-rules';
import { BoardReply, BoardSpec, BoardsService } from './boards.service';

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

interface Watched {
  spec: BoardSpec;
  room: string;
  scope: string;
  seq: number;
  version: number;
  last: Ranked[];
}

/**
 * Board subscriptions on `/live`. Each board a socket here watches is a room; a ticker looks
 * at the boards whose race or round changed and sends each such board's top once per tick, so
 * a screen's cost does not grow with the answer rate. Every instance serves the sockets
 * connected to it (updates go to local sockets only), with changes known through Redis.
 */
@WebSocketGateway({ namespace: '/live' })
export class BoardsGateway implements OnModuleInit, OnApplicationShutdown {
  @WebSocketServer()
  private readonly namespace!: Namespace;
  private readonly watched = new Map<string, Watched>();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(private readonly boards: BoardsService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  @SubscribeMessage('board:subscribe')
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, BoardSubscribeDto, body, async (_principal, dto) => {
      const spec: BoardSpec = { board: dto.board, race: dto.race, round: dto.round, limit: dto.limit ?? 10, unitId: dto.unitId, sort: dto.sort };
      const snapshot = await this.boards.board(spec);
      const key = JSON.stringify([spec.board, spec.race ?? null, spec.round ?? null, spec.limit, spec.unitId ?? null, spec.sort ?? null]);
      let watched = this.watched.get(key);
      if (!watched) {
        const scope = snapshot.roundId ? `round:${snapshot.roundId}` : `race:${snapshot.raceId}`;
        const [version] = await this.boards.versionsOf([scope]);
        watched = { spec, room: `board:${key}`, scope, seq: 0, version, last: ranked(snapshot) };
        this.watched.set(key, watched);
      }
      await socket.join(watched.room);
      return { seq: watched.seq, snapshot };
    });
  }

  /** Sends each watched board whose race or round changed since the last tick. */
  private async tick(): Promise<void> {
    if (this.ticking || !this.namespace) return;
    this.ticking = true;
    try {
      const rooms = this.namespace.adapter.rooms;
      for (const [key, watched] of this.watched) if (!rooms.get(watched.room)?.size) this.watched.delete(key);
      const boards = [...this.watched.values()];
      const versions = await this.boards.versionsOf(boards.map((board) => board.scope));
      for (const [i, board] of boards.entries()) {
        if (versions[i] === board.version) continue;
        board.version = versions[i];
        const snapshot: BoardReply = await this.boards.board(board.spec);
        const now = ranked(snapshot);
        const moves = boardMoves(board.last, now);
        board.last = now;
        board.seq += 1;
        this.namespace.local.to(board.room).emit('board:update', { ...snapshot, seq: board.seq, moves });
      }
    } catch {
      // A board that cannot be read now (Redis away) is tried again next tick.
    } finally {
      this.ticking = false;
    }
  }
}

const ranked = (reply: BoardReply): Ranked[] => reply.entries.map((entry) => ({ id: entry.id, rank: entry.rank }));
