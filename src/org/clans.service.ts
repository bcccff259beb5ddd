import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OrganiserPrincipal } from '../auth/principal';
import { Errors, What } from '../http/errors';
import { Clan } from './clan.entity';
import { CreateClanDto } from './dto/unit.dto';
import { assertManages, subtreePattern } from './scope';
import { Unit } from './unit.entity';

export interface ClanView {
  id: number;
  code: string;
  name: string;
  unitId: number | null;
}

const clanView = (c: Clan): ClanView => ({ id: c.id, code: c.code, name: c.name, unitId: c.unitId });

/** Family clans (dòng họ). A clan tied to a commune belongs to that commune's organisers. */
@Injectable()
export class ClansService {
  constructor(
    @InjectRepository(Clan) private readonly clans: Repository<Clan>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
  ) {}

  async create(dto: CreateClanDto, by: OrganiserPrincipal): Promise<ClanView> {
    const unit = dto.unitCode ? await this.units.findOneBy({ code: dto.unitCode }) : null;
    if (dto.unitCode && !unit) throw Errors.notFound(What.unit, dto.unitCode);
    if (unit) assertManages(by, unit.path);
    else if (by.scopePath !== null) throw Errors.outOfScope();
    if (await this.clans.existsBy({ code: dto.code })) {
      throw Errors.conflict('CLAN_CODE_TAKEN', `Mã dòng họ «${dto.code}» đã tồn tại`, `Clan code "${dto.code}" already exists`);
    }
    return clanView(
      await this.clans.save(this.clans.create({ code: dto.code, name: dto.name, unitId: unit?.id ?? null, createdAt: Date.now() })),
    );
  }

  /** District-wide organisers see every clan; others the clans of their units. */
  async list(by: OrganiserPrincipal): Promise<ClanView[]> {
    const query = this.clans.createQueryBuilder('clan').orderBy('clan.code', 'ASC');
    if (by.scopePath !== null) {
      query.innerJoin(Unit, 'unit', 'unit.id = clan.unit_id').where('unit.path LIKE :prefix', { prefix: subtreePattern(by.scopePath) });
    }
    return (await query.getMany()).map(clanView);
  }
}
