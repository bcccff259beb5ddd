import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { recordAudit, recordUpdate } from '../audit/audit';
import { SECRET } from '../audit/audit-rules';
import { Errors, What } from '../http/errors';
import { Unit } from '../org/unit.entity';
import { Race } from '../races/race.entity';
import { seesRace } from '../races/race-rules';
import { Transactions } from '../database/transactions';
import { AuthService } from './auth.service';
import { ChangePasswordDto, CreateOrganiserDto, UpdateOrganiserDto } from './dto/create-organiser.dto';
import { Organiser } from './organiser.entity';
import { OrganiserPrincipal } from '../access/principal';
import type { OrganiserView, QrLink, ScreenTokenView } from '../contract/auth';
import { ScreenToken } from './screen-token.entity';
import { hashPassword } from '../access/secrets';
import { SessionEndings } from '../access/session-endings';
import { TokensService } from '../access/tokens.service';

const organiserView = (o: Organiser): OrganiserView => ({
  id: o.id,
  username: o.username,
  role: o.role,
  unitId: o.unitId,
  active: o.active,
  createdAt: new Date(o.createdAt).toISOString(),
});

const screenView = (s: ScreenToken): ScreenTokenView => ({
  id: s.id,
  label: s.label,
  raceId: s.raceId,
  createdBy: s.createdBy,
  createdAt: new Date(s.createdAt).toISOString(),
  expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt).toISOString(),
});

/** The path of the unit an organiser works in, which audit rows about the account carry (null: district-wide). */
const organiserPath = async (manager: EntityManager, id: number): Promise<string | null> =>
  (await manager.findOne(Organiser, { where: { id }, relations: { unit: true } }))?.unit?.path ?? null;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const lastAdmin = () => Errors.of('LAST_ADMIN');

/** A password (ten characters or more, as the DTOs say) that is not the username. */
function assertPasswordFor(username: string, password: string): void {
  if (password.trim().toLowerCase() === username.toLowerCase()) {
    throw Errors.of('WEAK_PASSWORD');
  }
}

/** Organiser accounts (made by admins) and the screen tokens organisers hand to big screens. */
@Injectable()
export class OrganisersService {
  constructor(
    @InjectRepository(Organiser) private readonly organisers: Repository<Organiser>,
    @InjectRepository(ScreenToken) private readonly screens: Repository<ScreenToken>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Race) private readonly races: Repository<Race>,
    private readonly tokens: TokensService,
    private readonly auth: AuthService,
    private readonly endings: SessionEndings,
    private readonly transactions: Transactions,
  ) {}

  async create(dto: CreateOrganiserDto): Promise<OrganiserView> {
    if (dto.unitId !== undefined && !(await this.units.existsBy({ id: dto.unitId, mergedIntoId: IsNull() }))) {
      throw Errors.notFound(What.unit, dto.unitId);
    }
    assertPasswordFor(dto.username, dto.password);
    if (await this.organisers.existsBy({ username: dto.username })) {
      throw Errors.of('USERNAME_TAKEN', dto.username);
    }
    const passwordHash = await hashPassword(dto.password);
    const organiser = await this.transactions.run(async (manager) => {
      const saved = await manager.save(
        manager.create(Organiser, {
          username: dto.username,
          passwordHash,
          role: dto.role,
          // An admin sees everything; a unit would mean nothing for one.
          unitId: dto.role === 'admin' ? null : (dto.unitId ?? null),
          active: true,
          sessionVersion: 0,
          keptSession: null,
          createdAt: Date.now(),
        }),
      );
      await recordAudit(manager, {
        action: 'organiser.create',
        target: { kind: 'organiser', id: saved.id, name: saved.username },
        unitPath: await organiserPath(manager, saved.id),
        after: { username: saved.username, role: saved.role, unitId: saved.unitId, active: true, password: SECRET },
      });
      return saved;
    });
    return organiserView(organiser);
  }

  async list(): Promise<OrganiserView[]> {
    return (await this.organisers.find({ order: { id: 'ASC' } })).map(organiserView);
  }

  /**
   * The admin's changes to an account. Disabling it, or giving it a new password, ends its
   * sessions; the last active admin cannot be disabled or made a unit's organiser.
   */
  async update(id: number, dto: UpdateOrganiserDto): Promise<OrganiserView> {
    const current = await this.organisers.findOneBy({ id });
    if (!current) throw Errors.notFound(What.organiser, id);
    if (dto.password !== undefined) assertPasswordFor(current.username, dto.password);
    if (dto.unitId !== undefined && dto.unitId !== null && !(await this.units.existsBy({ id: dto.unitId, mergedIntoId: IsNull() }))) {
      throw Errors.notFound(What.unit, dto.unitId);
    }
    if (current.role === 'admin' && dto.unitId) {
      throw Errors.of('ADMIN_HAS_NO_UNIT');
    }
    const passwordHash = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    const ends = dto.active === false || passwordHash !== undefined;
    await this.transactions.run(async (manager) => {
      if (dto.active === false && current.role === 'admin') {
        const activeAdmins = await manager.countBy(Organiser, { role: 'admin', active: true });
        if (current.active && activeAdmins <= 1) throw lastAdmin();
      }
      await manager.update(
        Organiser,
        { id },
        {
          ...(dto.active !== undefined ? { active: dto.active } : {}),
          ...(passwordHash !== undefined ? { passwordHash } : {}),
          ...(dto.unitId !== undefined ? { unitId: dto.unitId } : {}),
          ...(ends ? { sessionVersion: () => 'session_version + 1', keptSession: null } : {}),
        },
      );
      const action = dto.active === false && current.active ? 'disable' : dto.active === true && !current.active ? 'enable' : 'update';
      await recordUpdate(
        manager,
        { action: `organiser.${action}`, target: { kind: 'organiser', id, name: current.username }, unitPath: await organiserPath(manager, id) },
        // The password itself never: only that it changed.
        { active: current.active, unitId: current.unitId, password: null },
        { active: dto.active, unitId: dto.unitId, password: passwordHash === undefined ? undefined : SECRET },
      );
    });
    if (ends) this.endings.announce({ kind: 'organiser', id });
    return organiserView((await this.organisers.findOneBy({ id }))!);
  }

  /**
   * An organiser's own new password: the current one must be right (counted like a sign-in).
   * Every other session of theirs ends; the one that asked keeps working.
   */
  async changePassword(by: OrganiserPrincipal, sessionId: string | null, dto: ChangePasswordDto, address: string): Promise<void> {
    const organiser = await this.organisers.findOneByOrFail({ id: by.id });
    await this.auth.confirmOrganiserPassword(organiser, dto.currentPassword, address);
    assertPasswordFor(organiser.username, dto.newPassword);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.transactions.run(async (manager) => {
      await manager.update(Organiser, { id: by.id }, { passwordHash, sessionVersion: () => 'session_version + 1', keptSession: sessionId });
      await recordAudit(manager, {
        action: 'organiser.password_change',
        target: { kind: 'organiser', id: by.id, name: organiser.username },
        unitPath: by.scopePath,
        after: { password: SECRET },
      });
    });
    this.endings.announce({ kind: 'organiser', id: by.id, keep: sessionId });
  }

  /** `raceId`, when given, is the race the screen's link shows and the only one it reads: one the organiser may see. */
  async createScreenToken(label: string, by: OrganiserPrincipal, raceId?: number, expiresAt?: number): Promise<ScreenTokenView & { token: string }> {
    if (raceId !== undefined) {
      const race = await this.races.findOne({ where: { id: raceId }, relations: { unit: true } });
      if (!race) throw Errors.notFound(What.race, raceId);
      if (!seesRace(by.scopePath, race.unit?.path ?? null)) throw Errors.outOfScope();
    }
    const screen = await this.transactions.run(async (manager) => {
      const saved = await manager.save(
        manager.create(ScreenToken, {
          label: label.normalize('NFC').trim(),
          createdBy: by.id,
          createdAt: Date.now(),
          raceId: raceId ?? null,
          expiresAt: expiresAt ?? null,
          revokedAt: null,
        }),
      );
      // A screen reads what its maker sees: it belongs to the maker's subtree.
      await recordAudit(manager, {
        action: 'screen_token.create',
        target: { kind: 'screen_token', id: saved.id, name: saved.label },
        unitPath: by.scopePath,
        after: { label: saved.label, raceId: saved.raceId, expiresAt: iso(saved.expiresAt) },
      });
      return saved;
    });
    return { ...screenView(screen), token: this.tokens.sign('screen', screen.id, { expiresAt: expiresAt ?? null }).token };
  }

  /** A screen page's address (showing `raceId` when given) and the same as a QR code, to open it on the projector's machine. */
  async screenLink(token: string, origin: string, raceId?: number): Promise<QrLink> {
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
    await this.transactions.run(async (manager) => {
      const now = Date.now();
      await manager.update(ScreenToken, { id }, { revokedAt: now });
      await recordAudit(manager, {
        action: 'screen_token.revoke',
        target: { kind: 'screen_token', id, name: screen.label },
        unitPath: await organiserPath(manager, screen.createdBy),
        before: { revokedAt: null },
        after: { revokedAt: iso(now) },
      });
    });
    this.endings.announce({ kind: 'screen', id });
  }
}
