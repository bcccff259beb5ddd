import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors, applyDecorators } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { IRateLimiterOptions, RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Observable } from 'rxjs';
import { AppException } from '../http/app-exception';
import { Principal } from './principal';
import { Errors } from '../http/errors';

/**
 * Reads a token may make a minute, on every instance together. A board (HTTP or `board:subscribe`)
 * is cheap: a screen subscribes to its five boards at each connection and again after a missed
 * update, a phone reads two boards after a round, the console two a view; 120 leaves a hall's
 * screen (or several sharing a token) far below it for hours. A board of a subtree (`unitId`) and
 * every report (JSON, .csv, .xlsx, who has not played, round results) scans a race's answers or
 * roster: 60, one a second, is still beyond anyone clicking through the console.
 */
export const READ_LIMITS = {
  board: { reads: 120 },
  costly: { reads: 60 },
} as const;

export type ReadCost = keyof typeof READ_LIMITS;

/** Who a count belongs to: the principal (screens by their token's id), as the guard established it. */
export type Reader = Pick<Principal, 'kind' | 'id'>;

const tooManyReads = (retryAfterSeconds: number) => Errors.of('TOO_MANY_READS', retryAfterSeconds).with({ retryAfterSeconds });

type Store = (options: IRateLimiterOptions & { keyPrefix: string }) => RateLimiterAbstract;

type PerMinute = { boardsPerMinute: number | null; costlyPerMinute: number | null };

/**
 * Counts each board and report read against its token before the read is done, so one token
 * (a leaked screen URL, a script with a participant's token) cannot keep the database busy with
 * subtree scans and exports while a hall is answering.
 */
export class ReadLimits {
  private readonly counters: Record<ReadCost, RateLimiterAbstract>;

  /** A minute's reads: READ_LIMITS unless the configuration says otherwise (a district with a big hall, say). */
  constructor(store: Store, perMinute: PerMinute = { boardsPerMinute: null, costlyPerMinute: null }) {
    this.counters = {
      board: store({ keyPrefix: 'reads-board', points: perMinute.boardsPerMinute ?? READ_LIMITS.board.reads, duration: 60 }),
      costly: store({ keyPrefix: 'reads-costly', points: perMinute.costlyPerMinute ?? READ_LIMITS.costly.reads, duration: 60 }),
    };
  }

  static inMemory(perMinute?: PerMinute): ReadLimits {
    return new ReadLimits((options) => new RateLimiterMemory(options), perMinute);
  }

  /** Shared by every instance; if Redis stops answering, each instance counts in its memory meanwhile. */
  static inRedis(redis: Redis, prefix: string, perMinute?: PerMinute): ReadLimits {
    return new ReadLimits(
      (options) =>
        new RateLimiterRedis({
          ...options,
          keyPrefix: `${prefix}:${options.keyPrefix}`,
          storeClient: redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        }),
      perMinute,
    );
  }

  /** Counts one read, or refuses it with 429 `TOO_MANY_READS` (and when to come back). */
  async take(reader: Reader, cost: ReadCost): Promise<void> {
    try {
      await this.counters[cost].consume(`${reader.kind}:${reader.id}`);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooManyReads(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
  }
}

/** Which counter a read goes to; a board read of a subtree (`unitId`) costs as a report does. */
export function readCost(kind: 'board' | 'report', query: { unitId?: unknown } | undefined): ReadCost {
  return kind === 'report' || (query?.unitId !== undefined && query.unitId !== '') ? 'costly' : 'board';
}

@Injectable()
class BoardReadLimit implements NestInterceptor {
  constructor(private readonly limits: ReadLimits) {}

  intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    return countRead(this.limits, context, next, 'board');
  }
}

@Injectable()
class ReportReadLimit implements NestInterceptor {
  constructor(private readonly limits: ReadLimits) {}

  intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    return countRead(this.limits, context, next, 'report');
  }
}

async function countRead(limits: ReadLimits, context: ExecutionContext, next: CallHandler, kind: 'board' | 'report'): Promise<Observable<unknown>> {
  const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  // The guard has run: a route reached without a principal is public, and nothing here is.
  if (request.principal) {
    try {
      await limits.take(request.principal, readCost(kind, request.query as { unitId?: unknown }));
    } catch (error) {
      if (error instanceof AppException && typeof error.extra.retryAfterSeconds === 'number') {
        context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(error.extra.retryAfterSeconds));
      }
      throw error;
    }
  }
  return next.handle();
}

/** Counts each call of the route (a board read, or a report or export) against the caller's token. */
export const LimitReads = (kind: 'board' | 'report') => applyDecorators(UseInterceptors(kind === 'board' ? BoardReadLimit : ReportReadLimit));
