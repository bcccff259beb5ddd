import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { auditSource } from '../audit/audit-steps';
import { firstRow } from '../database/steps';
import { stepsIn } from '../database/steps-in';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { StandingChange } from './answer-standings';
import { foldMergedUnit, rebuildRaceStandings, settleHeldRound } from './standings-works';

/** A change to the standings, told after its commit to whoever keeps a copy of them (the boards' cache). */
export type StandingsEvent =
  { kind: 'answered'; change: StandingChange } | { kind: 'settled'; roundId: number; raceId: number } | { kind: 'rebuilt'; raceId: number };

/**
 * The race standings (race_standing, group_standing) and every write to them. The answer's own
 * count runs inside the answer's work (countAnswer); settling, rebuilding and folding run here.
 */
@Injectable()
export class StandingsService {
  private readonly listeners: Array<(event: StandingsEvent) => Promise<void>> = [];

  constructor(private readonly transactions: Transactions) {}

  /** Standings import no feature: the boards, above them, ask to hear of changes. */
  onChange(listener: (event: StandingsEvent) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** After an answer's commit (its count ran in the answer's work). */
  answered(change: StandingChange): Promise<void> {
    return this.tell({ kind: 'answered', change });
  }

  /**
   * Recomputes a race's standings (the race's, its rounds' and every attempt's totals) from the
   * answer log, in one transaction. Participants are counted in the unit and clan they are in now.
   */
  async rebuild(raceId: number): Promise<void> {
    if (!(await this.transactions.read(() => firstRow('SELECT id FROM race WHERE id = ?', raceId)))) throw Errors.notFound(What.race, raceId);
    // Two rebuilds of a race at once would each delete and insert the same rows.
    const source = auditSource();
    await this.transactions.steps(() => rebuildRaceStandings(raceId, Date.now(), source), `race-standings:${raceId}`);
    await this.tell({ kind: 'rebuilt', raceId });
  }

  /**
   * A closed round that held its points puts them on the boards, once however often it is asked.
   * The race's standings take the lock a rebuild takes, so the two never interleave.
   */
  async settleRound(roundId: number, raceId: number): Promise<boolean> {
    const source = auditSource();
    const settled = await this.transactions.steps(() => settleHeldRound(roundId, raceId, Date.now(), source), `race-standings:${raceId}`);
    if (settled) await this.tell({ kind: 'settled', roundId, raceId });
    return settled;
  }

  /** Inside a unit merge's transaction: the merged unit's results count for the unit it joined. */
  foldMergedUnit(manager: EntityManager, sourceId: number, targetId: number, now: number): Promise<void> {
    return stepsIn(manager, foldMergedUnit(sourceId, targetId, now));
  }

  private async tell(event: StandingsEvent): Promise<void> {
    for (const listener of this.listeners) await listener(event);
  }
}
