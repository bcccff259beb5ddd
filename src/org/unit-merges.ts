import { Injectable } from '@nestjs/common';
import { TransactionHooks } from '../database/transaction-hooks';

/** A unit folded into another, inside the merge's transaction. */
export interface UnitMerge {
  sourceId: number;
  targetId: number;
  now: number;
}

/**
 * What else moves when a unit is merged: the features that keep rows per unit (organisers, races)
 * add their step here at start-up, since org sits below them and cannot name their tables.
 */
@Injectable()
export class UnitMerges extends TransactionHooks<UnitMerge> {}
