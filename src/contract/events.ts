// The `/live` socket.io namespace: what the server sends and what a client may send (with its ack).
import type { BoardName, BoardReply, BoardUpdate, UnitSort } from './boards';
import type { ErrorCode } from './errors';
import type { AnswerReply, AttemptView, LiveExtend, PlayQuestion } from './play';
import type { RoundStatus } from './races';

export interface LiveQuestion {
  roundId: number;
  question: PlayQuestion;
}

/** The key of a live question once its time is up, in the viewer's own choice handles. */
export interface LiveReveal {
  roundId: number;
  questionId: number;
  correctChoiceIds?: number[];
  counts: Record<string, number>;
  answered: number;
}

/** Sent before the server closes a socket, or when an event without an ack is refused. */
export interface SocketError {
  code?: ErrorCode;
  message: string;
}

/** What the server sends on `/live`, by event name. */
export interface ServerEvents {
  'round:status': { roundId: number; raceId: number; status: RoundStatus };
  'live:question': LiveQuestion;
  'live:reveal': LiveReveal;
  /** The host gave the question on now more time: its new deadline, for everyone alike. */
  'live:extend': LiveExtend;
  'live:end': { roundId: number };
  'board:update': BoardUpdate;
  error: SocketError;
}

/** A refused event's ack: the HTTP error body (statusCode, code, message...). */
export interface AckRefusal {
  ok: false;
  statusCode: number;
  code?: ErrorCode;
  message: string | string[];
  [field: string]: unknown;
}

/** Every ack says `ok`; a refusal carries the HTTP error body. */
export type Ack<T> = ({ ok: true } & T) | AckRefusal;

export interface BoardSubscription {
  board: BoardName;
  race?: number;
  round?: number;
  limit?: number;
  unitId?: number;
  sort?: UnitSort;
}

/** What a client may send on `/live`: each event's payload and what its ack carries. */
export interface ClientEvents {
  'board:subscribe': { payload: BoardSubscription; reply: { seq: number; snapshot: BoardReply } };
  /** A participant gets their attempt; an organiser or screen, that it is watching. */
  'live:join': { payload: { roundId: number }; reply: AttemptView | { roundId: number; watching: true } };
  'live:answer': { payload: { roundId: number; questionId: number; choiceIds: number[] }; reply: AnswerReply };
}

export type ClientEvent = keyof ClientEvents;

/** What the server acks a client event with. */
export type AckOf<E extends ClientEvent> = Ack<ClientEvents[E]['reply']>;
