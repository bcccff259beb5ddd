import { Injectable } from '@nestjs/common';
import { TransactionHooks } from '../database/transaction-hooks';

/**
 * Whether a question was already put before someone: each feature that deals questions (races
 * list them in rounds, play deals them to attempts) answers for its own rows, since questions sits
 * below both and cannot read their tables by name.
 */
@Injectable()
export class QuestionDealings extends TransactionHooks<{ questionId: number }, boolean> {}

/** A question replaced by a new version; each hook moves what still waits for it and names the rounds it moved. */
@Injectable()
export class QuestionReplacements extends TransactionHooks<{ replacedId: number; createdId: number }, number[]> {}
