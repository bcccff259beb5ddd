// The soak's clients: a hall of participant and screen sockets that come and go, join the live round and answer.
import { Socket, io } from 'socket.io-client';
import { PlayArena, inBatches } from './play-arena';
import { Minute } from './soak-report';
import { ACK_TIMEOUT_MS, ANSWER_SHARE, CONNECT_BATCH, CONNECT_TRIES, SCREENS, SPREAD_MS } from './soak-settings';

interface Ack {
  ok: boolean;
  statusCode?: number;
  message?: unknown;
}

/** One place in the hall: a participant (or screen) whose socket comes and goes. */
interface Slot {
  kind: 'player' | 'screen';
  /** Participant id, or the screen's number. */
  id: number;
  socket?: Socket;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The hall: every slot's socket, connected, joined, and answering when a question comes. */
export class Hall {
  readonly slots: Slot[];
  /** The minute answers are counted against; a socket answering reads it when the question arrives. */
  current?: Minute;
  private pendingAnswers = 0;

  constructor(
    private readonly arena: PlayArena,
    private readonly roundId: number,
    /** One a screen: a token holds only a few sockets. */
    private readonly screenTokens: string[],
    players: number[],
  ) {
    this.slots = [...players.map((id) => ({ kind: 'player' as const, id })), ...Array.from({ length: SCREENS }, (_, id) => ({ kind: 'screen' as const, id }))];
  }

  connectedCount(): number {
    return this.slots.filter((slot) => slot.socket?.connected).length;
  }

  /** Connects every slot without a socket; returns how many could not get in. */
  async fill(slots = this.slots.filter((slot) => !slot.socket)): Promise<number> {
    const results = await inBatches(slots, CONNECT_BATCH, (slot) => this.connectWithRetries(slot));
    return results.filter((ok) => !ok).length;
  }

  /** Closes a random share of the connected sockets, then connects fresh ones in their places (and in any dropped). */
  async churn(share: number, minute: Minute): Promise<void> {
    const chosen = [
      ...pick(
        this.slots.filter((s) => s.kind === 'player' && s.socket),
        share,
      ),
      ...pick(
        this.slots.filter((s) => s.kind === 'screen' && s.socket),
        share,
      ),
    ];
    for (const slot of chosen) this.close(slot);
    minute.replaced = chosen.length;
    minute.connectFailures = await this.fill();
  }

  /** Resolves when every answer sent so far is acked or refused, or at `deadline` (performance.now() time). */
  async answersSettled(deadline: number): Promise<void> {
    while (this.pendingAnswers > 0 && performance.now() < deadline) await sleep(250);
  }

  closeAll(): void {
    for (const slot of this.slots) this.close(slot);
  }

  private close(slot: Slot): void {
    slot.socket?.disconnect();
    slot.socket = undefined;
  }

  private async connectWithRetries(slot: Slot): Promise<boolean> {
    for (let attempt = 1; attempt <= CONNECT_TRIES; attempt++) {
      try {
        await this.connect(slot);
        return true;
      } catch (error) {
        this.close(slot);
        if (attempt === CONNECT_TRIES) console.warn(`${slot.kind} ${slot.id} could not connect: ${String(error)}`);
        else await sleep(1_000 * attempt);
      }
    }
    return false;
  }

  private async connect(slot: Slot): Promise<void> {
    const token = slot.kind === 'player' ? this.arena.participantToken(slot.id) : this.screenTokens[slot.id];
    // A fresh connection each time, as a phone that comes back: no reconnection, no shared manager.
    const socket = io(`${this.arena.url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: 30_000 });
    slot.socket = socket;
    socket.on('disconnect', (reason) => {
      // The bench's own disconnect() says "io client disconnect"; anything else was done to us.
      if (reason === 'io client disconnect' || slot.socket !== socket) return;
      slot.socket = undefined;
      if (this.current) this.current.dropped++;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    if (slot.kind === 'player')
      socket.on('live:question', (event: { roundId: number; question: { id: number; choices: Array<{ id: number }> } }) => this.maybeAnswer(socket, event));
    const joined = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('live:join', { roundId: this.roundId })) as Ack;
    if (!joined.ok) throw new Error(`live:join refused: ${JSON.stringify(joined)}`);
    if (slot.kind === 'screen') await this.watchBoards(socket);
  }

  /** A screen shows two boards of the race; its size varies, so boards are created and dropped as screens come and go. */
  private async watchBoards(socket: Socket): Promise<void> {
    const limit = [10, 20, 50][Math.floor(Math.random() * 3)];
    for (const board of ['individuals', 'units']) {
      const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('board:subscribe', { board, race: this.arena.raceId, limit })) as Ack;
      if (!ack.ok) throw new Error(`board:subscribe refused: ${JSON.stringify(ack)}`);
    }
  }

  private maybeAnswer(socket: Socket, { roundId, question }: { roundId: number; question: { id: number; choices: Array<{ id: number }> } }): void {
    const minute = this.current;
    if (!minute || roundId !== this.roundId || Math.random() >= ANSWER_SHARE) return;
    minute.answersSent++;
    this.pendingAnswers++;
    const choice = question.choices[Math.floor(Math.random() * question.choices.length)].id;
    setTimeout(
      () =>
        void (async () => {
          try {
            const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('live:answer', { roundId, questionId: question.id, choiceIds: [choice] })) as Ack;
            if (ack.ok) minute.acked++;
            else this.refused(minute, JSON.stringify(ack));
          } catch (error) {
            this.refused(minute, String(error));
          } finally {
            this.pendingAnswers--;
          }
        })(),
      Math.random() * SPREAD_MS,
    );
  }

  private refused(minute: Minute, why: string): void {
    minute.refused++;
    minute.firstRefusal ??= why.slice(0, 300);
  }
}

/** A random `share` of `slots` (Fisher–Yates on a copy). */
function pick(slots: Slot[], share: number): Slot[] {
  const count = Math.round(slots.length * share);
  const copy = [...slots];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}
