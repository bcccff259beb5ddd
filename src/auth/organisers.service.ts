import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { IsNull, Repository } from 'typeorm';
import { Errors, What } from '../http/errors';
import { Unit } from '../org/unit.entity';
import { Race } from '../races/race.entity';
import { seesRace } from '../races/race-rules';
import { CreateOrganiserDto } from './dto/create-organiser.dto';
import { Organiser, OrganiserRole } from './organiser.entity';
import { OrganiserPrincipal } from './principal';
import { ScreenToken } from './screen-token.entity';
import { hashPassword } from './secrets';
import { TokensService } from './tokens.service';

export interface OrganiserView {
  id: number;
  username: string;
  role: OrganiserRole;
  unitId: number | null;
  createdAt: string;
}

export interface ScreenTokenView {
  id: number;
  label: string;
  createdBy: number;
  createdAt: string;
}

const organiserView = (o: Organiser): OrganiserView => ({
  id: o.id,
  username: o.username,
  role: o.role,
  unitId: o.unitId,
  createdAt: new Date(o.createdAt).toISOString(),
});

const screenView = (s: ScreenToken): ScreenTokenView => ({
  id: s.id,
  label: s.label,
  createdBy: s.createdBy,
  createdAt: new Date(s.createdAt).toISOString(),
});

/** Organiser accounts (made by admins) and the screen tokens organisers hand to big screens. */
@Injectable()
export class OrganisersService {
  constructor(
    @InjectRepository(Organiser) private readonly organisers: Repository<Organiser>,
    @InjectRepository(ScreenToken) private readonly screens: Repository<ScreenToken>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Race) private readonly races: Repository<Race>,
    private readonly tokens: TokensService,
  ) {}

  async create(dto: CreateOrganiserDto): Promise<OrganiserView> {
    if (dto.unitId !== undefined && !(await this.units.existsBy({ id: dto.unitId, mergedIntoId: IsNull() }))) {
      throw Errors.notFound(What.unit, dto.unitId);
    }
    if (await this.organisers.existsBy({ username: dto.username })) {
      throw Errors.conflict('USERNAME_TAKEN', `Tên đăng nhập «${dto.username}» đã có người dùng`, `Username "${dto.username}" is taken`);
    }
    const organiser = await this.organisers.save(
      this.organisers.create({
        username: dto.username,
        passwordHash: await hashPassword(dto.password),
        role: dto.role,
        // An admin sees everything; a unit would mean nothing for one.
        unitId: dto.role === 'admin' ? null : (dto.unitId ?? null),
        failedSignIns: 0,
        lockedUntil: null,
        createdAt: Date.now(),
      }),
    );
    return organiserView(organiser);
  }

  async list(): Promise<OrganiserView[]> {
    return (await this.organisers.find({ order: { id: 'ASC' } })).map(organiserView);
  }

  /** `raceId`, when given, is the race the screen's link will show: one the organiser may see. */
  async createScreenToken(label: string, by: OrganiserPrincipal, raceId?: number): Promise<ScreenTokenView & { token: string }> {
    if (raceId !== undefined) {
      const race = await this.races.findOne({ where: { id: raceId }, relations: { unit: true } });
      if (!race) throw Errors.notFound(What.race, raceId);
      if (!seesRace(by.scopePath, race.unit?.path ?? null)) throw Errors.outOfScope();
    }
    const screen = await this.screens.save(
      this.screens.create({ label: label.normalize('NFC').trim(), createdBy: by.id, createdAt: Date.now(), revokedAt: null }),
    );
    return { ...screenView(screen), token: this.tokens.sign('screen', screen.id).token };
  }

  /** A screen page's address (showing `raceId` when given) and the same as a QR code, to open it on the projector's machine. */
  async screenLink(token: string, origin: string, raceId?: number): Promise<{ url: string; qrSvg: string }> {
    const url = `${origin}/screen?token=${encodeURIComponent(token)}${raceId === undefined ? '' : `&race=${raceId}`}`;
    return { url, qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 }) };
  }

  /** Admins see every live screen token; other organisers their own. */
  async listScreenTokens(by: OrganiserPrincipal): Promise<ScreenTokenView[]> {
    const where = by.role === 'admin' ? { revokedAt: IsNull() } : { revokedAt: IsNull(), createdBy: by.id };
    return (await this.screens.find({ where, order: { id: 'ASC' } })).map(screenView);
  }

  async revokeScreenToken(id: number, by: OrganiserPrincipal): Promise<void> {
    const screen = await this.screens.findOneBy({ id, revokedAt: IsNull() });
    if (!screen) throw Errors.notFound(What.screenToken, id);
    if (by.role !== 'admin' && screen.createdBy !== by.id) throw Errors.forbidden();
    await this.screens.update({ id }, { revokedAt: Date.now() });
  }
}
