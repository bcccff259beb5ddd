import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { recordAudit, recordUpdate } from '../audit/audit';
import { OrganiserPrincipal } from '../access/principal';
import type { ClanView } from '../contract/org';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { Clan } from './clan.entity';
import { CreateClanDto, UpdateClanDto } from './dto/unit.dto';
import { assertManages, manages, subtreePattern } from './scope';
import { Unit } from './unit.entity';

const clanView = (c: Clan): ClanView => ({ id: c.id, code: c.code, name: c.name, unitId: c.unitId });

/**
 * Family clans (dòng họ). A clan tied to a commune belongs to that commune's organisers; a clan
 * with no unit to the district. Organisers may put their own people into a clan of their subtree,
 * of a unit above them or of the district (see reachesClan), never another unit's people.
 */
@Injectable()
export class ClansService {
  constructor(
    @InjectRepository(Clan) private readonly clans: Repository<Clan>,
    private readonly transactions: Transactions,
  ) {}

  async create(dto: CreateClanDto, by: OrganiserPrincipal): Promise<ClanView> {
    return this.transactions.run(async (manager) => {
      const unit = dto.unitCode ? await manager.findOneBy(Unit, { code: dto.unitCode }) : null;
      if (dto.unitCode && !unit) throw Errors.notFound(What.unit, dto.unitCode);
      if (unit) assertManages(by, unit.path);
      else if (by.scopePath !== null) throw Errors.outOfScope();
      if (await manager.existsBy(Clan, { code: dto.code })) {
        throw Errors.of('CLAN_CODE_TAKEN', dto.code);
      }
      const { identifiers } = await manager.insert(Clan, { code: dto.code, name: dto.name, unitId: unit?.id ?? null, createdAt: Date.now() });
      const clan = (await manager.findOneBy(Clan, { id: Number(identifiers[0].id) }))!;
      await recordAudit(manager, {
        action: 'clan.create',
        target: { kind: 'clan', id: clan.id, name: clan.name },
        unitPath: unit?.path ?? null,
        after: { code: clan.code, name: clan.name, unitCode: unit?.code ?? null },
      });
      return clanView(clan);
    });
  }

  /** Renames a clan or attaches it elsewhere: only its organisers, and only to a unit of theirs. */
  async update(id: number, dto: UpdateClanDto, by: OrganiserPrincipal): Promise<ClanView> {
    return this.transactions.run(async (manager) => {
      const clan = await manager.findOneBy(Clan, { id });
      if (!clan) throw Errors.notFound(What.clan, id);
      const unit = clan.unitId === null ? null : await manager.findOneBy(Unit, { id: clan.unitId });
      // A district clan is the district's organisers' to change.
      if (unit ? !manages(by, unit.path) : by.scopePath !== null) throw Errors.outOfScope();
      let next = unit;
      if (dto.unitCode !== undefined) {
        next = dto.unitCode === null ? null : await manager.findOneBy(Unit, { code: dto.unitCode });
        if (dto.unitCode !== null && !next) throw Errors.notFound(What.unit, dto.unitCode);
        if (next) assertManages(by, next.path);
        else if (by.scopePath !== null) throw Errors.outOfScope();
      }
      await manager.update(Clan, { id }, { ...(dto.name !== undefined ? { name: dto.name } : {}), unitId: next?.id ?? null });
      await recordUpdate(
        manager,
        { action: 'clan.update', target: { kind: 'clan', id, name: dto.name ?? clan.name }, unitPath: next?.path ?? unit?.path ?? null },
        { name: clan.name, unitCode: unit?.code ?? null },
        { name: dto.name, unitCode: next?.code ?? null },
      );
      return clanView((await manager.findOneBy(Clan, { id }))!);
    });
  }

  /**
   * District-wide organisers see every clan; others the clans of their units, or with `joinable`
   * also those they may put their people into: their units' above them and the district's.
   */
  async list(by: OrganiserPrincipal, joinable = false): Promise<ClanView[]> {
    const query = this.clans.createQueryBuilder('clan').leftJoin(Unit, 'unit', 'unit.id = clan.unit_id').orderBy('clan.code', 'ASC');
    if (by.scopePath !== null) {
      const scope = by.scopePath;
      query.where(
        new Brackets((where) => {
          where.where('unit.path LIKE :prefix', { prefix: subtreePattern(scope) });
          // A unit above has a path that is a prefix of the organiser's (paths hold digits and slashes only).
          if (joinable) where.orWhere('clan.unit_id IS NULL').orWhere(`:scope LIKE unit.path || '%'`, { scope });
        }),
      );
    }
    return (await query.getMany()).map(clanView);
  }
}

/** A clan with the path of its unit (null: a district clan), for scope checks. */
export async function clanWithPath(manager: EntityManager, code: string): Promise<{ clan: Clan; path: string | null }> {
  const clan = await manager.findOneBy(Clan, { code });
  if (!clan) throw Errors.notFound(What.clan, code);
  const unit = clan.unitId === null ? null : await manager.findOneBy(Unit, { id: clan.unitId });
  return { clan, path: unit?.path ?? null };
}
