import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Like, Repository } from 'typeorm';
import { recordAudit, recordUpdate } from '../audit/audit';
import { OrganiserPrincipal } from '../access/principal';
import type { UnitCategory, UnitView } from '../contract/org';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { StandingsService } from '../standings/standings.service';
import { Clan } from './clan.entity';
import { CreateUnitDto, ListUnitsQuery, UpdateUnitDto } from './dto/unit.dto';
import { Participant } from './participant.entity';
import { assertFromAbove, assertManages, fromAboveOnly, subtreePattern } from './scope';
import { changesFromAbove, childPath, moveMakesCycle } from './unit-tree';
import { UnitMerges } from './unit-merges';
import { Unit } from './unit.entity';

export const unitView = (u: Unit): UnitView => ({
  id: u.id,
  code: u.code,
  name: u.name,
  category: u.category,
  parentId: u.parentId,
  headcount: u.headcount,
  mergedIntoId: u.mergedIntoId,
});

const cycle = () => Errors.of('UNIT_CYCLE');
const merged = (code: string) => Errors.of('UNIT_MERGED', code);

/** The organisation tree: create, move, rename, merge, all within the caller's subtree. */
@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly transactions: Transactions,
    private readonly merges: UnitMerges,
    private readonly standings: StandingsService,
  ) {}

  async create(dto: CreateUnitDto, by: OrganiserPrincipal): Promise<UnitView> {
    return this.transactions.run(async (manager) => {
      const parent = dto.parentCode ? await this.liveUnitByCode(manager, dto.parentCode) : null;
      // A new root is district-wide business.
      if (parent) assertManages(by, parent.path);
      else if (by.scopePath !== null) throw Errors.outOfScope();
      if (await manager.existsBy(Unit, { code: dto.code })) {
        throw Errors.of('UNIT_CODE_TAKEN', dto.code);
      }
      // A new unit lies strictly below its creator, so they set its first headcount.
      const unit = await insertUnit(manager, { ...dto, parent });
      await auditCreated(manager, unit, parent?.code ?? null);
      return unitView(unit);
    }, 'unit-tree');
  }

  async list(query: ListUnitsQuery, by: OrganiserPrincipal): Promise<UnitView[]> {
    const units = await this.units.find({
      where: {
        ...(query.category ? { category: query.category } : {}),
        ...(query.includeMerged ? {} : { mergedIntoId: IsNull() }),
        ...(by.scopePath ? { path: Like(subtreePattern(by.scopePath)) } : {}),
      },
      order: { path: 'ASC' },
    });
    return units.map(unitView);
  }

  async get(id: number, by: OrganiserPrincipal): Promise<UnitView> {
    const unit = await this.units.findOneBy({ id });
    if (!unit) throw Errors.notFound(What.unit, id);
    assertManages(by, unit.path);
    return unitView(unit);
  }

  async update(id: number, dto: UpdateUnitDto, by: OrganiserPrincipal): Promise<UnitView> {
    return this.transactions.run(async (manager) => {
      const unit = await manager.findOneBy(Unit, { id });
      if (!unit) throw Errors.notFound(What.unit, id);
      assertManages(by, unit.path);
      if (unit.mergedIntoId) throw merged(unit.code);
      // Sending the values it already has is not a change, and stays open to the unit's own organiser.
      const moves = dto.parentCode !== undefined && dto.parentCode !== (await parentCodeOf(manager, unit));
      const recounts = dto.headcount !== undefined && dto.headcount !== unit.headcount;
      if (moves || recounts) assertFromAbove(by, unit);
      if (moves) {
        const parent = dto.parentCode === null ? null : await this.liveUnitByCode(manager, dto.parentCode!);
        if (parent) assertManages(by, parent.path);
        else if (by.scopePath !== null) throw Errors.outOfScope();
        if (parent && moveMakesCycle(unit.path, parent.path)) throw cycle();
        await moveSubtree(manager, unit, parent);
      }
      const changes = {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.category !== undefined ? { category: dto.category } : {}),
        ...(dto.headcount !== undefined ? { headcount: dto.headcount } : {}),
        updatedAt: Date.now(),
      };
      await manager.update(Unit, { id }, changes);
      const after = (await manager.findOneBy(Unit, { id }))!;
      await auditUpdated(manager, unit, after);
      return unitView(after);
    }, 'unit-tree');
  }

  /**
   * Folds a unit into another (communes merged in 2025): its people, clans, organisers, races,
   * standings, child units and headcount move; the unit itself stays, marked merged, so past attempts that were
   * played under it still name it.
   */
  async merge(id: number, intoCode: string, by: OrganiserPrincipal): Promise<UnitView> {
    return this.transactions.run(async (manager) => {
      const source = await manager.findOneBy(Unit, { id });
      if (!source) throw Errors.notFound(What.unit, id);
      const target = await this.liveUnitByCode(manager, intoCode);
      assertManages(by, source.path);
      assertManages(by, target.path);
      // A merge moves the source's people and adds its headcount to the target: both only from above.
      if (!changesFromAbove(by.scopePath, source.path)) throw fromAboveOnly(source.name);
      if (!changesFromAbove(by.scopePath, target.path)) throw fromAboveOnly(target.name);
      if (source.mergedIntoId) throw merged(source.code);
      if (moveMakesCycle(source.path, target.path)) {
        throw Errors.of('UNIT_MERGE_INTO_ITSELF');
      }
      const now = Date.now();
      const people = await manager.countBy(Participant, { unitId: source.id });
      await manager.update(Participant, { unitId: source.id }, { unitId: target.id, updatedAt: now });
      await manager.update(Clan, { unitId: source.id }, { unitId: target.id });
      // Its organisers and races go with its people, who would otherwise be shut out of them.
      await this.merges.run(manager, { sourceId: source.id, targetId: target.id, now });
      // So do its results: the boards hide a merged unit, and its attempts count for the other now.
      await this.standings.foldMergedUnit(manager, source.id, target.id, now);
      const children = await manager.findBy(Unit, { parentId: source.id });
      for (const child of children) await moveSubtree(manager, child, target);
      await manager.update(Unit, { id: target.id }, { headcount: target.headcount + source.headcount, updatedAt: now });
      await manager.update(Unit, { id: source.id }, { headcount: 0, mergedIntoId: target.id, updatedAt: now });
      await recordAudit(manager, {
        action: 'unit.merge',
        target: { kind: 'unit', id: source.id, name: source.name },
        unitPath: source.path,
        before: { headcount: source.headcount, mergedInto: null },
        after: { headcount: 0, mergedInto: target.code, mergedIntoId: target.id, participantsMoved: people },
      });
      await recordUpdate(
        manager,
        { action: 'unit.headcount', target: { kind: 'unit', id: target.id, name: target.name }, unitPath: target.path },
        { headcount: target.headcount },
        { headcount: target.headcount + source.headcount },
      );
      return unitView((await manager.findOneBy(Unit, { id: target.id }))!);
    }, 'unit-tree');
  }

  private async liveUnitByCode(manager: EntityManager, code: string): Promise<Unit> {
    const unit = await manager.findOneBy(Unit, { code });
    if (!unit) throw Errors.notFound(What.unit, code);
    if (unit.mergedIntoId) throw merged(code);
    return unit;
  }
}

async function parentCodeOf(manager: EntityManager, unit: Unit): Promise<string | null> {
  if (unit.parentId === null) return null;
  return (await manager.findOneBy(Unit, { id: unit.parentId }))?.code ?? null;
}

/** A new unit in the audit log, with the headcount it starts from. */
export async function auditCreated(manager: EntityManager, unit: Unit, parentCode: string | null): Promise<void> {
  await recordAudit(manager, {
    action: 'unit.create',
    target: { kind: 'unit', id: unit.id, name: unit.name },
    unitPath: unit.path,
    after: { code: unit.code, name: unit.name, category: unit.category, parentCode, headcount: unit.headcount },
  });
}

/**
 * A unit's changes in the audit log as separate actions, so a headcount or a move can be found
 * on its own: `unit.headcount`, `unit.move` (under its new path) and `unit.update` (name, category).
 */
export async function auditUpdated(manager: EntityManager, before: Unit, after: Unit): Promise<void> {
  const target = { kind: 'unit', id: after.id, name: after.name };
  await recordUpdate(manager, { action: 'unit.headcount', target, unitPath: after.path }, { headcount: before.headcount }, { headcount: after.headcount });
  if (before.parentId !== after.parentId) {
    const codeOf = async (id: number | null) => (id === null ? null : ((await manager.findOneBy(Unit, { id }))?.code ?? null));
    await recordAudit(manager, {
      action: 'unit.move',
      target,
      unitPath: after.path,
      before: { parentId: before.parentId, parentCode: await codeOf(before.parentId), path: before.path },
      after: { parentId: after.parentId, parentCode: await codeOf(after.parentId), path: after.path },
    });
  }
  await recordUpdate(
    manager,
    { action: 'unit.update', target, unitPath: after.path },
    { name: before.name, category: before.category },
    { name: after.name, category: after.category },
  );
}

export async function insertUnit(
  manager: EntityManager,
  fields: { code: string; name: string; category: UnitCategory; headcount: number; parent: Unit | null },
): Promise<Unit> {
  const now = Date.now();
  // The path needs the new id, so it is written in a second step inside the same transaction.
  const { identifiers } = await manager.insert(Unit, {
    code: fields.code,
    name: fields.name,
    category: fields.category,
    headcount: fields.headcount,
    parentId: fields.parent?.id ?? null,
    path: '',
    mergedIntoId: null,
    createdAt: now,
    updatedAt: now,
  });
  const id = Number(identifiers[0].id);
  await manager.update(Unit, { id }, { path: childPath(fields.parent?.path ?? null, id) });
  return (await manager.findOneBy(Unit, { id }))!;
}

/** Re-parents a unit and rewrites the paths of its whole subtree in one statement. */
export async function moveSubtree(manager: EntityManager, unit: Unit, parent: Unit | null): Promise<void> {
  const newPath = childPath(parent?.path ?? null, unit.id);
  await manager.update(Unit, { id: unit.id }, { parentId: parent?.id ?? null, updatedAt: Date.now() });
  if (newPath === unit.path) return;
  await manager
    .createQueryBuilder()
    .update(Unit)
    .set({ path: () => `:newPath || SUBSTR(path, :cut)` })
    .where('path LIKE :prefix', { prefix: subtreePattern(unit.path) })
    .setParameters({ newPath, cut: unit.path.length + 1 })
    .execute();
}
