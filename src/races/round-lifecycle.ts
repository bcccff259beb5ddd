/** The life of a round as plain rules: draft → scheduled → open → closed. */

import type { RoundStatus } from '../contract/races';

export const ROUND_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const satisfies readonly RoundStatus[];

export interface RoundTimes {
  status: RoundStatus;
  opensAt: number | null;
  closesAt: number | null;
}

export type RoundAction = 'schedule' | 'open' | 'close';

const ALLOWED: Record<RoundAction, RoundStatus[]> = {
  schedule: ['draft'],
  open: ['draft', 'scheduled'],
  close: ['open'],
};

const RESULT: Record<RoundAction, RoundStatus> = { schedule: 'scheduled', open: 'open', close: 'closed' };

/** The status after `action`, or null when the round's status does not allow it. */
export function applyAction(status: RoundStatus, action: RoundAction): RoundStatus | null {
  return ALLOWED[action].includes(status) ? RESULT[action] : null;
}

/**
 * Where the clock says a round should be now. Jobs may fire late or twice and the app may have
 * been down: this is what the database decides from, so a round due to open and close while
 * nobody was watching ends up closed.
 */
export function dueStatus(round: RoundTimes, now: number): RoundStatus {
  let status = round.status;
  if (status === 'scheduled' && round.opensAt !== null && round.opensAt <= now) status = 'open';
  if (status === 'open' && round.closesAt !== null && round.closesAt <= now) status = 'closed';
  return status;
}
