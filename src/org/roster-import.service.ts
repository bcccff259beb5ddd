import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EntityManager, In, Repository } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { OrganiserPrincipal } from '../access/principal';
import { hashPin, verifySecret } from '../access/secrets';
import { SessionEndings } from '../access/session-endings';
import { SignInLimits, participantAccount } from '../access/sign-in-limits';
import type { ImportReport, RowProblem } from '../contract/org';
import { bulkUpsert } from '../database/bulk-upsert';
import { Transactions } from '../database/transactions';
import { Errors } from '../http/errors';
import { Clan } from './clan.entity';
import { searchKey } from './names';
import { Participant } from './participant.entity';
import { ParticipantRow, UnitRow, parseParticipantRows, parseUnitRows, unitsInCycles } from './roster-rows';
import { problem } from './table-file';
import { manages } from './scope';
import { changesFromAbove, reachesClan } from './unit-tree';
import { Unit } from './unit.entity';
import { auditCreated, auditUpdated, insertUnit, moveSubtree } from './units.service';

interface TableRows {
  row: number;
  values: Record<string, string>;
}

const BATCH = 500;
const PARTICIPANT_TABLE_COLUMNS = [
  'staff_code',
  'full_name',
  'search_name',
  'unit_id',
  'clan_id',
  'pin_hash',
  'active',
  'session_version',
  'created_at',
  'updated_at',
];
// Enough for anyone to fix a file; past this the reply would only grow.
const MAX_REPORTED_PROBLEMS = 10_000;

function refuse(problems: RowProblem[]): never {
  const sorted = [...problems].sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_PROBLEMS);
  throw Errors.of('IMPORT_INVALID', { rosterProblems: problems.length }).with({ errors: sorted, created: 0, updated: 0 });
}

const outside = (row: number, field: string, value: string) =>
  problem(row, field, `${value} is outside the units you manage`, `${value} nằm ngoài các đơn vị bạn quản lý`);
const mergedAway = (row: number, field: string, code: string) =>
  problem(row, field, `${code} has been merged into another unit`, `${code} đã được sáp nhập vào đơn vị khác`);
const fromAbove = (row: number, field: string, code: string, kept: string) =>
  problem(
    row,
    field,
    `${code} is your own unit: its ${field} is changed only by an organiser above it (keep ${kept})`,
    `${code} là đơn vị của bạn: ${field === 'headcount' ? 'biên chế' : 'đơn vị cấp trên'} chỉ do người tổ chức cấp trên thay đổi (giữ ${kept})`,
  );
const unknownUnit = (row: number, field: string, code: string) => problem(row, field, `unknown unit ${code}`, `Không có đơn vị ${code}`);

/** Roster files in, all or nothing: every row is checked before anything is written. */
@Injectable()
export class RosterImportService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Clan) private readonly clans: Repository<Clan>,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    private readonly transactions: Transactions,
    private readonly limits: SignInLimits,
    private readonly endings: SessionEndings,
  ) {}

  /**
   * Roster imports run one after another, on this instance and across instances. Each checks its
   * rows against the database before it writes them; two at once would each count a new staff
   * code as created, or pass a unit that the other is moving.
   */
  private last: Promise<unknown> = Promise.resolve();

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.last.then(() => this.transactions.exclusively('roster-import', work));
    this.last = result.catch(() => undefined);
    return result;
  }

  importUnits(rows: TableRows[], by: OrganiserPrincipal, dryRun: boolean): Promise<ImportReport> {
    return this.oneAtATime(() => this.checkAndWriteUnits(rows, by, dryRun));
  }

  importParticipants(rows: TableRows[], by: OrganiserPrincipal, dryRun: boolean): Promise<ImportReport> {
    return this.oneAtATime(() => this.checkAndWriteParticipants(rows, by, dryRun));
  }

  private async checkAndWriteUnits(rows: TableRows[], by: OrganiserPrincipal, dryRun: boolean): Promise<ImportReport> {
    const { units, problems } = parseUnitRows(rows);
    const byCode = new Map((await this.units.find()).map((unit) => [unit.code, unit]));
    const byId = new Map([...byCode.values()].map((unit) => [unit.id, unit]));
    const inFile = new Set(units.map((unit) => unit.code));
    const existingParent = (code: string) => {
      const parentId = byCode.get(code)?.parentId;
      return parentId ? (byId.get(parentId)?.code ?? null) : null;
    };
    for (const unit of units) {
      const existing = byCode.get(unit.code);
      if (existing && !manages(by, existing.path)) problems.push(outside(unit.row, 'code', unit.code));
      if (existing?.mergedIntoId) problems.push(mergedAway(unit.row, 'code', unit.code));
      if (existing && manages(by, existing.path) && !changesFromAbove(by.scopePath, existing.path)) {
        // The importer's own unit may be listed (to rename it, say) but its headcount and parent stay as they are.
        if (unit.headcount !== existing.headcount) problems.push(fromAbove(unit.row, 'headcount', unit.code, `${existing.headcount}`));
        const parentCode = existingParent(unit.code);
        if (unit.parentCode !== parentCode) problems.push(fromAbove(unit.row, 'parentCode', unit.code, parentCode ?? '—'));
        continue;
      }
      if (unit.parentCode === null) {
        if (by.scopePath !== null)
          problems.push(
            problem(
              unit.row,
              'parentCode',
              'parentCode is required: you can add units only beneath yours',
              'Cần mã đơn vị cấp trên: bạn chỉ thêm được đơn vị bên dưới đơn vị của mình',
            ),
          );
      } else if (!inFile.has(unit.parentCode)) {
        const parent = byCode.get(unit.parentCode);
        if (!parent) problems.push(unknownUnit(unit.row, 'parentCode', unit.parentCode));
        else if (parent.mergedIntoId) problems.push(mergedAway(unit.row, 'parentCode', unit.parentCode));
        else if (!manages(by, parent.path)) problems.push(outside(unit.row, 'parentCode', unit.parentCode));
      }
    }
    for (const code of unitsInCycles(units, existingParent)) {
      const unit = units.find((candidate) => candidate.code === code)!;
      problems.push(
        problem(unit.row, 'parentCode', `moving ${code} under ${unit.parentCode} would make a cycle`, `Đặt ${code} dưới ${unit.parentCode} sẽ tạo vòng lặp`),
      );
    }
    if (problems.length) refuse(problems);
    const created = units.filter((unit) => !byCode.has(unit.code)).length;
    const report = { dryRun, created, updated: units.length - created, errors: [] };
    if (!dryRun) {
      await this.transactions.run(async (manager) => {
        await writeUnits(manager, units);
        await recordAudit(manager, {
          action: 'unit.import',
          target: { kind: 'roster_import', id: null, name: `${units.length} units` },
          unitPath: by.scopePath,
          after: { rows: units.length, created, updated: report.updated },
        });
      }, 'unit-tree');
    }
    return report;
  }

  private async checkAndWriteParticipants(rows: TableRows[], by: OrganiserPrincipal, dryRun: boolean): Promise<ImportReport> {
    const { participants, problems } = await parseParticipantRows(rows);
    const units = await this.units.find();
    const unitsByCode = new Map(units.map((unit) => [unit.code, unit]));
    const unitsById = new Map(units.map((unit) => [unit.id, unit]));
    const clansByCode = new Map((await this.clans.find()).map((clan) => [clan.code, clan]));
    const existing = await this.existingParticipants(participants.map((p) => p.staffCode));
    for (const [index, participant] of participants.entries()) {
      if (index % 2000 === 1999) await yieldToLoop();
      const { row } = participant;
      const unit = unitsByCode.get(participant.unitCode);
      if (!unit) problems.push(unknownUnit(row, 'unitCode', participant.unitCode));
      else if (unit.mergedIntoId) problems.push(mergedAway(row, 'unitCode', participant.unitCode));
      else if (!manages(by, unit.path)) problems.push(outside(row, 'unitCode', participant.unitCode));
      const clan = participant.clanCode ? clansByCode.get(participant.clanCode) : undefined;
      if (participant.clanCode && !clan) {
        problems.push(problem(row, 'clanCode', `unknown clan ${participant.clanCode}`, `Không có dòng họ ${participant.clanCode}`));
      } else if (clan && !reachesClan(by.scopePath, clan.unitId === null ? null : (unitsById.get(clan.unitId)?.path ?? null))) {
        problems.push(outside(row, 'clanCode', participant.clanCode!));
      }
      const current = existing.get(participant.staffCode);
      const currentUnit = current ? unitsById.get(current.unitId) : undefined;
      if (currentUnit && !manages(by, currentUnit.path)) {
        problems.push(
          problem(row, 'staffCode', `${participant.staffCode} belongs to a unit outside yours`, `${participant.staffCode} thuộc đơn vị ngoài phạm vi của bạn`),
        );
      }
    }
    if (problems.length) refuse(problems);
    const created = participants.filter((p) => !existing.has(p.staffCode)).length;
    const report = { dryRun, created, updated: participants.length - created, errors: [] };
    if (dryRun) return report;
    // A file that repeats a person's PIN keeps their sessions; a new PIN or leaving ends them, as in the console.
    const newPins = await changedPins(participants, existing);
    const ended = participants.flatMap((p, index) => {
      const current = existing.get(p.staffCode);
      return current && (newPins[index] || (p.active === false && current.active)) ? [current.id] : [];
    });
    for (const [index, p] of participants.entries()) if (!newPins[index]) p.pin = null;
    // Hashing happens before the transaction, so the database is held only for the writes.
    const pinHashes = await hashPins(participants);
    const now = Date.now();
    // Rows differ in which columns an existing participant keeps (no PIN given: keep the PIN),
    // so they are written in groups.
    const groups = new Map<string, unknown[][]>();
    for (const [index, p] of participants.entries()) {
      if (index % 2000 === 1999) await yieldToLoop();
      const key = `${p.pin !== null}:${p.active !== undefined}`;
      if (!groups.has(key)) groups.set(key, []);
      groups
        .get(key)!
        .push([
          p.staffCode,
          p.fullName,
          searchKey(p.fullName),
          unitsByCode.get(p.unitCode)!.id,
          p.clanCode ? clansByCode.get(p.clanCode)!.id : null,
          pinHashes[index],
          p.active ?? true,
          0,
          now,
          now,
        ]);
    }
    await this.transactions.run(async (manager) => {
      for (const [key, rows] of groups) {
        const [pin, active] = key.split(':').map((flag) => flag === 'true');
        const update = ['full_name', 'search_name', 'unit_id', 'clan_id', 'updated_at'];
        if (pin) update.push('pin_hash');
        if (active) update.push('active');
        await bulkUpsert(manager, { table: 'participant', columns: PARTICIPANT_TABLE_COLUMNS, rows, conflictColumn: 'staff_code', update }, () =>
          yieldToLoop(),
        );
      }
      for (let i = 0; i < ended.length; i += BATCH) {
        await manager.update(Participant, { id: In(ended.slice(i, i + BATCH)) }, { sessionVersion: () => 'session_version + 1' });
      }
      // One event for the file: its counts, never its PINs.
      await recordAudit(manager, {
        action: 'participant.import',
        target: { kind: 'roster_import', id: null, name: `${participants.length} participants` },
        unitPath: by.scopePath,
        after: {
          rows: participants.length,
          created,
          updated: report.updated,
          pinsChanged: newPins.filter(Boolean).length,
          deactivated: participants.filter((p) => p.active === false && existing.get(p.staffCode)?.active).length,
          clanChanges: participants.filter((p) => {
            const now = p.clanCode ? clansByCode.get(p.clanCode)!.id : null;
            const was = existing.get(p.staffCode);
            return was ? was.clanId !== now : now !== null;
          }).length,
        },
      });
    });
    this.endings.announce(...ended.map((id) => ({ kind: 'participant' as const, id })));
    await Promise.all(
      participants.filter((p, index) => newPins[index] && existing.has(p.staffCode)).map((p) => this.limits.forget(participantAccount(p.staffCode))),
    );
    return report;
  }

  private async existingParticipants(staffCodes: string[]): Promise<Map<string, ExistingParticipant>> {
    const found = new Map<string, ExistingParticipant>();
    for (let i = 0; i < staffCodes.length; i += BATCH) {
      const rows = await this.participants.find({
        where: { staffCode: In(staffCodes.slice(i, i + BATCH)) },
        select: { id: true, staffCode: true, unitId: true, clanId: true, pinHash: true, active: true },
      });
      for (const row of rows) found.set(row.staffCode, { id: row.id, unitId: row.unitId, clanId: row.clanId, pinHash: row.pinHash, active: row.active });
      // better-sqlite3 answers synchronously, so without this the loop would never let a request in.
      await yieldToLoop();
    }
    return found;
  }
}

interface ExistingParticipant {
  id: number;
  unitId: number;
  clanId: number | null;
  pinHash: string | null;
  active: boolean;
}

/** Per row: whether the file gives a PIN other than the one the person has. */
async function changedPins(participants: ParticipantRow[], existing: Map<string, ExistingParticipant>): Promise<boolean[]> {
  const changed: boolean[] = [];
  for (let i = 0; i < participants.length; i += 1000) {
    const chunk = participants.slice(i, i + 1000);
    changed.push(
      ...(await Promise.all(
        chunk.map(async (p) => {
          if (!p.pin) return false;
          const hash = existing.get(p.staffCode)?.pinHash;
          return !hash || !(await verifySecret(hash, p.pin));
        }),
      )),
    );
  }
  return changed;
}

async function hashPins(participants: ParticipantRow[]): Promise<(string | null)[]> {
  const hashes: (string | null)[] = [];
  for (let i = 0; i < participants.length; i += 1000) {
    const chunk = participants.slice(i, i + 1000);
    hashes.push(...(await Promise.all(chunk.map((p) => (p.pin ? hashPin(p.pin) : Promise.resolve(null))))));
  }
  return hashes;
}

/** Parents before children, each unit inserted or updated (and moved when its parent changed). */
async function writeUnits(manager: EntityManager, units: UnitRow[]): Promise<void> {
  const pending = new Map(units.map((unit) => [unit.code, unit]));
  while (pending.size) {
    for (const unit of pending.values()) {
      if (unit.parentCode && pending.has(unit.parentCode)) continue;
      const parent = unit.parentCode ? await manager.findOneByOrFail(Unit, { code: unit.parentCode }) : null;
      const current = await manager.findOneBy(Unit, { code: unit.code });
      if (!current) {
        await auditCreated(manager, await insertUnit(manager, { ...unit, parent }), parent?.code ?? null);
      } else {
        await manager.update(Unit, { id: current.id }, { name: unit.name, category: unit.category, headcount: unit.headcount, updatedAt: Date.now() });
        if (current.parentId !== (parent?.id ?? null)) await moveSubtree(manager, current, parent);
        await auditUpdated(manager, current, (await manager.findOneBy(Unit, { id: current.id }))!);
      }
      pending.delete(unit.code);
    }
  }
}
