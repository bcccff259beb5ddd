import { Injectable } from '@nestjs/common';
import { TransactionHooks } from '../database/transaction-hooks';
import { Round } from './round.entity';

/** A round closing, inside the transaction that closes it. */
export interface RoundClosing {
  roundId: number;
  now: number;
}

/** Steps of a round's closing transaction added by the features above races (play finishes the attempts in progress). */
@Injectable()
export class RoundClosings extends TransactionHooks<RoundClosing> {}

export type RoundStatusChange = Pick<Round, 'id' | 'raceId' | 'status' | 'mode'>;

/**
 * A round's status moved, told after the commit and only by the instance whose update moved it.
 * The sockets belong to features above races, which listen here.
 */
@Injectable()
export class RoundAnnouncements {
  private readonly listeners: ((round: RoundStatusChange) => void)[] = [];

  listen(listener: (round: RoundStatusChange) => void): void {
    this.listeners.push(listener);
  }

  announce(round: RoundStatusChange): void {
    for (const listener of this.listeners) listener(round);
  }
}
