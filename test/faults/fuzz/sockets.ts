import fc from 'fast-check';
import { Socket, io } from 'socket.io-client';
import { SEED, json, tally } from './client';
import { Player } from './fixture';

// socket.io: lanes, each a socket used for at most BUDGET events so the per-socket rate limit
// (a burst of 30) never hides a payload behind a 429; then a fresh socket takes its place.

const BUDGET = 25;
export const ACK_MS = 5000;

interface Emit {
  event: string;
  args: unknown[];
  /** Without an ack, an unknown event must be answered with an `error` event. */
  ack: boolean;
}

interface Emitted {
  emit: Emit;
  lane: LaneState;
  ack?: unknown;
  problem?: string;
}

export interface LaneState {
  token: string;
  player?: Player;
  socket?: Socket;
  used: number;
  exceptions: string[];
  /** Why the server closed this lane's socket, with the `error` event it sent first, if it did. */
  closed?: string;
}

export class Lanes {
  readonly lanes: LaneState[];
  disconnects = 0;

  constructor(
    private readonly url: string,
    tokens: Array<{ token: string; player?: Player }>,
  ) {
    this.lanes = tokens.map(({ token, player }) => ({ token, player, used: 0, exceptions: [] }));
  }

  /** Sends every emit from whichever lane is free, and returns what each got back or what went wrong. */
  async run(count: number, build: (i: number, lane: LaneState) => Emit): Promise<Emitted[]> {
    const results: Emitted[] = new Array(count);
    let next = 0;
    await Promise.all(
      this.lanes.map(async (lane) => {
        while (next < count) {
          const i = next++;
          const emit = build(i, lane);
          results[i] = { emit, lane, ...(await this.send(lane, emit)) };
        }
      }),
    );
    return results;
  }

  private async send(lane: LaneState, emit: Emit): Promise<{ ack?: unknown; problem?: string }> {
    const socket = await this.ready(lane);
    lane.used++;
    // A lane has one emit in flight, so an `error` event on its socket answers that emit.
    let outcome = await new Promise<{ ack?: unknown; problem?: string }>((resolve) => {
      const done = (result: { ack?: unknown; problem?: string }) => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(result);
      };
      const onError = (payload: unknown) => done({ ack: { errorEvent: payload } });
      const timer = setTimeout(() => done({ problem: `no ${emit.ack ? 'ack' : 'error event'} within ${ACK_MS} ms` }), ACK_MS);
      socket.on('error', onError);
      if (emit.ack) socket.emit(emit.event, ...emit.args, (ack: unknown) => done({ ack }));
      else socket.emit(emit.event, ...emit.args);
    });
    if (lane.exceptions.length) outcome = { problem: `exception event: ${lane.exceptions.splice(0).join('; ')}` };
    if (!socket.connected) {
      this.disconnects++;
      outcome = { problem: `the server disconnected the socket (${lane.closed ?? 'no reason given'})${outcome.problem ? `; ${outcome.problem}` : ''}` };
    }
    return outcome;
  }

  private async ready(lane: LaneState): Promise<Socket> {
    if (lane.socket?.connected && lane.used < BUDGET) return lane.socket;
    lane.socket?.disconnect();
    const socket = io(this.url, { transports: ['websocket'], auth: { token: lane.token }, reconnection: false, forceNew: true });
    socket.on('exception', (payload: unknown) => lane.exceptions.push(JSON.stringify(payload)));
    let lastError = '';
    socket.on('error', (payload: unknown) => (lastError = json(payload)));
    socket.on(
      'disconnect',
      (reason) =>
        (lane.closed = `${reason}${lastError ? ` after error ${lastError}` : ''}, token of ${lane.player ? `participant ${lane.player.id}` : 'an organiser or screen'}`),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    lane.socket = socket;
    lane.used = 0;
    lane.closed = undefined;
    return socket;
  }

  close(): void {
    for (const lane of this.lanes) lane.socket?.disconnect();
  }
}

/** An ack is a success or a refusal below 500; an `error` event (for an unknown event without ack) carries a message. */
function ackProblem(ack: unknown): string | null {
  if (typeof ack !== 'object' || ack === null) return `ack is not an object: ${json(ack)}`;
  const { ok, statusCode, errorEvent } = ack as { ok?: unknown; statusCode?: unknown; errorEvent?: { message?: unknown } };
  if (errorEvent !== undefined) return typeof errorEvent?.message === 'string' ? null : `error event without a message: ${json(errorEvent)}`;
  if (ok === true) return null;
  if (ok === false && typeof statusCode === 'number' && statusCode < 500) return null;
  return `ack ${json(ack).slice(0, 300)}`;
}

export function expectGoodAcks(name: string, results: Emitted[]): number {
  const failures = results.flatMap(({ emit, ack, problem }) => {
    const wrong = problem ?? ackProblem(ack);
    return wrong ? [`${emit.event} ${json(emit.args).slice(0, 300)} → ${wrong}`] : [];
  });
  const { ok } = tally(
    name,
    results.map(({ ack, problem }) =>
      problem ? 0 : (ack as { ok?: boolean; statusCode?: number }).ok ? 200 : ((ack as { statusCode?: number }).statusCode ?? 400),
    ),
  );
  if (failures.length)
    throw new Error(`${name}: ${failures.length} of ${results.length} events went wrong (FUZZ_SEED=${SEED}); the first:\n${failures.slice(0, 8).join('\n')}`);
  return ok;
}

/** One socket payload: the event's fields, JSON of any kind, or binary. */
export const oneArg = (payload: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> =>
  fc.oneof(
    { weight: 12, arbitrary: payload.map((value): unknown[] => [value]) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value): unknown[] => [value]) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes): unknown[] => [Buffer.from(bytes)]) },
  );

/** Socket arguments: one payload, or two, or none. */
export const socketArgs = (payload: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> =>
  fc.oneof(
    { weight: 15, arbitrary: oneArg(payload) },
    { weight: 1, arbitrary: fc.tuple(payload, fc.jsonValue({ maxDepth: 1 })).map((pair): unknown[] => [...pair]) },
    { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
  );
