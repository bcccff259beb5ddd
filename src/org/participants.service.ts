import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { Repository } from 'typeorm';
import { OrganiserPrincipal } from '../auth/principal';
import { hashPin } from '../auth/secrets';
import { TokensService } from '../auth/tokens.service';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { Clan } from './clan.entity';
import { CreateParticipantDto, ListParticipantsQuery, UpdateParticipantDto } from './dto/participant.dto';
import { normaliseName, searchKey } from './names';
import { Participant } from './participant.entity';
import { assertManages, likeContains, subtreePattern } from './scope';
import { Unit } from './unit.entity';

export interface ParticipantView {
  id: number;
  staffCode: string;
  fullName: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  clanId: number | null;
  clanCode: string | null;
  active: boolean;
  hasPin: boolean;
  lockedUntil: string | null;
}

interface ParticipantRow extends Participant {
  unit: Unit;
  clan: Clan | null;
}

function participantView(p: ParticipantRow): ParticipantView {
  return {
    id: p.id,
    staffCode: p.staffCode,
    fullName: p.fullName,
    unitId: p.unitId,
    unitCode: p.unit.code,
    unitName: p.unit.name,
    clanId: p.clanId,
    clanCode: p.clan?.code ?? null,
    active: p.active,
    hasPin: p.pinHash !== null,
    lockedUntil: p.lockedUntil && p.lockedUntil > Date.now() ? new Date(p.lockedUntil).toISOString() : null,
  };
}

const staffCodeTaken = (code: string) =>
  Errors.conflict('STAFF_CODE_TAKEN', `Mã cán bộ «${code}» đã tồn tại`, `Staff code "${code}" already exists`);

/** The roster: who may play, in which unit and clan, with which PIN. */
@Injectable()
export class ParticipantsService {
  constructor(
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Clan) private readonly clans: Repository<Clan>,
    private readonly tokens: TokensService,
    private readonly transactions: Transactions,
  ) {}

  async create(dto: CreateParticipantDto, by: OrganiserPrincipal): Promise<ParticipantView> {
    const unit = await this.managedLiveUnit(dto.unitCode, by);
    const clan = dto.clanCode ? await this.clanByCode(dto.clanCode) : null;
    const pinHash = dto.pin ? await hashPin(dto.pin) : null;
    const fullName = normaliseName(dto.fullName);
    const id = await this.transactions.run(async (manager) => {
      if (await manager.existsBy(Participant, { staffCode: dto.staffCode })) throw staffCodeTaken(dto.staffCode);
      const now = Date.now();
      const { identifiers } = await manager.insert(Participant, {
        staffCode: dto.staffCode,
        fullName,
        searchName: searchKey(fullName),
        unitId: unit.id,
        clanId: clan?.id ?? null,
        pinHash,
        active: dto.active ?? true,
        failedSignIns: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      });
      return Number(identifiers[0].id);
    });
    return this.view(id);
  }

  async list(query: ListParticipantsQuery, by: OrganiserPrincipal): Promise<{ total: number; items: ParticipantView[] }> {
    const builder = this.participants
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.unit', 'unit')
      .leftJoinAndSelect('p.clan', 'clan')
      .orderBy('p.searchName', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    if (by.scopePath) builder.andWhere('unit.path LIKE :scope', { scope: subtreePattern(by.scopePath) });
    if (query.unitId) {
      const unit = await this.units.findOneBy({ id: query.unitId });
      if (!unit) throw Errors.notFound(What.unit, query.unitId);
      assertManages(by, unit.path);
      builder.andWhere('unit.path LIKE :subtree', { subtree: subtreePattern(unit.path) });
    }
    const q = query.q ? searchKey(query.q) : '';
    if (q) {
      builder.andWhere("(p.searchName LIKE :q ESCAPE '\\' OR p.staffCode LIKE :code ESCAPE '\\')", {
        q: likeContains(q),
        code: likeContains(query.q!.trim().toUpperCase()),
      });
    }
    const [rows, total] = await builder.getManyAndCount();
    return { total, items: (rows as ParticipantRow[]).map(participantView) };
  }

  async get(id: number, by: OrganiserPrincipal): Promise<ParticipantView> {
    const row = await this.row(id);
    assertManages(by, row.unit.path);
    return participantView(row);
  }

  /** What a participant may see of themselves. */
  async self(id: number): Promise<ParticipantView & { clanName: string | null }> {
    const row = await this.row(id);
    return { ...participantView(row), clanName: row.clan?.name ?? null };
  }

  async update(id: number, dto: UpdateParticipantDto, by: OrganiserPrincipal): Promise<ParticipantView> {
    const current = await this.row(id);
    assertManages(by, current.unit.path);
    const unit = dto.unitCode ? await this.managedLiveUnit(dto.unitCode, by) : null;
    const clan = dto.clanCode ? await this.clanByCode(dto.clanCode) : null;
    const fullName = dto.fullName !== undefined ? normaliseName(dto.fullName) : undefined;
    const changes: Partial<Participant> = {
      ...(fullName !== undefined ? { fullName, searchName: searchKey(fullName) } : {}),
      ...(unit ? { unitId: unit.id } : {}),
      ...(dto.clanCode !== undefined ? { clanId: clan?.id ?? null } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
      // A new PIN is how an organiser helps someone who locked themselves out.
      ...(dto.pin ? { pinHash: await hashPin(dto.pin), failedSignIns: 0, lockedUntil: null } : {}),
      updatedAt: Date.now(),
    };
    await this.transactions.run((manager) => manager.update(Participant, { id }, changes));
    return this.view(id);
  }

  /** A signed, expiring link that signs this participant in, and the same as a QR code. */
  async joinLink(id: number, by: OrganiserPrincipal, origin: string): Promise<{ url: string; token: string; expiresAt: string | null; qrSvg: string }> {
    const row = await this.row(id);
    assertManages(by, row.unit.path);
    const { token, expiresAt } = this.tokens.sign('join', row.id);
    const url = `${origin}/?join=${encodeURIComponent(token)}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { url, token, expiresAt, qrSvg };
  }

  private async view(id: number): Promise<ParticipantView> {
    return participantView(await this.row(id));
  }

  private async row(id: number): Promise<ParticipantRow> {
    const row = await this.participants.findOne({ where: { id }, relations: { unit: true, clan: true } });
    if (!row) throw Errors.notFound(What.participant, id);
    return row as ParticipantRow;
  }

  private async managedLiveUnit(code: string, by: OrganiserPrincipal): Promise<Unit> {
    const unit = await this.units.findOneBy({ code });
    if (!unit) throw Errors.notFound(What.unit, code);
    assertManages(by, unit.path);
    if (unit.mergedIntoId) {
      throw Errors.conflict('UNIT_MERGED', `Đơn vị «${code}» đã được sáp nhập`, `Unit "${code}" has been merged into another`);
    }
    return unit;
  }

  private async clanByCode(code: string): Promise<Clan> {
    const clan = await this.clans.findOneBy({ code });
    if (!clan) throw Errors.notFound(What.clan, code);
    return clan;
  }
}
