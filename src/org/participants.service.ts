import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { EntityManager, Repository } from 'typeorm';
import { recordAudit, recordUpdate } from '../audit/audit';
import { SECRET } from '../audit/audit-rules';
import { OrganiserPrincipal } from '../access/principal';
import { hashPin } from '../access/secrets';
import { SessionEndings } from '../access/session-endings';
import { SignInLimits, participantAccount } from '../access/sign-in-limits';
import { TokensService } from '../access/tokens.service';
import type { JoinLink } from '../contract/auth';
import type { ParticipantPage, ParticipantSelf, ParticipantView, TimeMultiplier } from '../contract/org';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { Clan } from './clan.entity';
import { clanWithPath } from './clans.service';
import { CreateParticipantDto, ListParticipantsQuery, UpdateParticipantDto } from './dto/participant.dto';
import { normaliseName, searchKey } from './names';
import { Participant } from './participant.entity';
import { assertManages, assertReachesClan, likeContains, subtreePattern } from './scope';
import { Unit } from './unit.entity';
import { multiplierOf, percentOf } from '../scoring/time-rules';

interface ParticipantRow extends Participant {
  unit: Unit;
  clan: Clan | null;
}

function participantView(p: ParticipantRow, lockedUntil: number | null): ParticipantView {
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
    lockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
    timeMultiplier: multiplierOf(p.timePercent),
  };
}

/** A join link printed on a card should last through a month of weekly rounds. */
export const DEFAULT_JOIN_LINK_DAYS = 30;

const staffCodeTaken = (code: string) => Errors.of('STAFF_CODE_TAKEN', code);

/** The roster: who may play, in which unit and clan, with which PIN. */
@Injectable()
export class ParticipantsService {
  constructor(
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly tokens: TokensService,
    private readonly transactions: Transactions,
    private readonly limits: SignInLimits,
    private readonly endings: SessionEndings,
  ) {}

  async create(dto: CreateParticipantDto, by: OrganiserPrincipal): Promise<ParticipantView> {
    const unit = await this.managedLiveUnit(dto.unitCode, by);
    const pinHash = dto.pin ? await hashPin(dto.pin) : null;
    const fullName = normaliseName(dto.fullName);
    const id = await this.transactions.run(async (manager) => {
      const clan = dto.clanCode ? await joinableClan(manager, dto.clanCode, by) : null;
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
        sessionVersion: 0,
        createdAt: now,
        updatedAt: now,
      });
      const made = Number(identifiers[0].id);
      await recordAudit(manager, {
        action: 'participant.create',
        target: { kind: 'participant', id: made, name: fullName },
        unitPath: unit.path,
        after: {
          staffCode: dto.staffCode,
          fullName,
          unitCode: unit.code,
          clanCode: clan?.code ?? null,
          active: dto.active ?? true,
          ...(pinHash ? { pin: SECRET } : {}),
        },
      });
      return made;
    });
    return this.view(id);
  }

  async list(query: ListParticipantsQuery, by: OrganiserPrincipal): Promise<ParticipantPage> {
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
    return { total, items: await Promise.all((rows as ParticipantRow[]).map((row) => this.viewOf(row))) };
  }

  async get(id: number, by: OrganiserPrincipal): Promise<ParticipantView> {
    const row = await this.row(id);
    assertManages(by, row.unit.path);
    return this.viewOf(row);
  }

  /** What a participant may see of themselves. */
  async self(id: number): Promise<ParticipantSelf> {
    const row = await this.row(id);
    return { ...(await this.viewOf(row)), clanName: row.clan?.name ?? null };
  }

  async update(id: number, dto: UpdateParticipantDto, by: OrganiserPrincipal): Promise<ParticipantView> {
    const first = await this.row(id);
    assertManages(by, first.unit.path);
    const unit = dto.unitCode ? await this.managedLiveUnit(dto.unitCode, by) : null;
    const fullName = dto.fullName !== undefined ? normaliseName(dto.fullName) : undefined;
    // Hashing is slow, so it happens before the transaction holds the database.
    const pinHash = dto.pin ? await hashPin(dto.pin) : undefined;
    let ends = false;
    await this.transactions.run(async (manager) => {
      // Read again inside: the audit row's "before" is what this change replaced.
      const current = (await manager.findOne(Participant, { where: { id }, relations: { unit: true, clan: true } })) as ParticipantRow | null;
      if (!current) throw Errors.notFound(What.participant, id);
      assertManages(by, current.unit.path);
      // Joining or leaving a clan: only for the organiser's own people (checked above), into a clan open to them.
      const clan = dto.clanCode ? await joinableClan(manager, dto.clanCode, by) : null;
      const changes: Partial<Participant> = {
        ...(fullName !== undefined ? { fullName, searchName: searchKey(fullName) } : {}),
        ...(unit ? { unitId: unit.id } : {}),
        ...(dto.clanCode !== undefined ? { clanId: clan?.id ?? null } : {}),
        ...(dto.active !== undefined ? { active: dto.active } : {}),
        ...(pinHash ? { pinHash } : {}),
        ...(dto.timeMultiplier !== undefined ? { timePercent: percentOf(dto.timeMultiplier) } : {}),
        updatedAt: Date.now(),
      };
      // A new PIN (someone else may know the old one) or leaving ends every token and join link made before.
      ends = Boolean(pinHash) || (dto.active === false && current.active);
      await manager.update(Participant, { id }, ends ? { ...changes, sessionVersion: () => 'session_version + 1' } : changes);
      await auditParticipantChange(manager, current, {
        unit: unit ?? current.unit,
        fullName,
        active: dto.active,
        pin: Boolean(pinHash),
        clan: dto.clanCode === undefined ? undefined : clan,
        timeMultiplier: dto.timeMultiplier,
      });
    });
    if (ends) this.endings.announce({ kind: 'participant', id });
    // A new PIN is how an organiser helps someone who locked themselves out.
    if (dto.pin) await this.limits.forget(participantAccount(first.staffCode));
    return this.view(id);
  }

  /** A signed link that signs this participant in until it expires or their PIN changes, and the same as a QR code. */
  async joinLink(id: number, by: OrganiserPrincipal, origin: string, validDays = DEFAULT_JOIN_LINK_DAYS): Promise<JoinLink> {
    const row = await this.row(id);
    assertManages(by, row.unit.path);
    const { token, expiresAt } = this.tokens.sign('join', row.id, { version: row.sessionVersion, expiresAt: Date.now() + validDays * 24 * 3600_000 });
    // A join link signs someone in without their PIN: who printed one, and until when, is kept (never the link).
    await this.transactions.run((manager) =>
      recordAudit(manager, {
        action: 'participant.join_link',
        target: { kind: 'participant', id: row.id, name: row.fullName },
        unitPath: row.unit.path,
        after: { validDays, expiresAt },
      }),
    );
    const url = `${origin}/?join=${encodeURIComponent(token)}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { url, token, expiresAt, qrSvg };
  }

  private async view(id: number): Promise<ParticipantView> {
    return this.viewOf(await this.row(id));
  }

  private async viewOf(row: ParticipantRow): Promise<ParticipantView> {
    return participantView(row, await this.limits.lockedUntil(participantAccount(row.staffCode)));
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
      throw Errors.of('UNIT_MERGED', code);
    }
    return unit;
  }
}

/** The clan of this code, if the organiser may put their people into it (403 OUT_OF_SCOPE otherwise). */
async function joinableClan(manager: EntityManager, code: string, by: OrganiserPrincipal): Promise<Clan> {
  const { clan, path } = await clanWithPath(manager, code);
  assertReachesClan(by, path);
  return clan;
}

/**
 * A participant's change in the audit log, each kind as its own action: `participant.pin_reset`
 * (never the PIN), `participant.deactivate`, `clan.membership` and `participant.update` (name,
 * unit, coming back). Logged under the unit they are in afterwards.
 */
async function auditParticipantChange(
  manager: EntityManager,
  before: ParticipantRow,
  change: { unit: Unit; fullName?: string; active?: boolean; pin: boolean; clan?: Clan | null; timeMultiplier?: TimeMultiplier },
): Promise<void> {
  const target = { kind: 'participant', id: before.id, name: change.fullName ?? before.fullName };
  const unitPath = change.unit.path;
  if (change.pin)
    await recordAudit(manager, { action: 'participant.pin_reset', target, unitPath, before: { pin: before.pinHash ? SECRET : null }, after: { pin: SECRET } });
  if (change.active === false && before.active)
    await recordAudit(manager, { action: 'participant.deactivate', target, unitPath, before: { active: true }, after: { active: false } });
  if (change.clan !== undefined) {
    await recordUpdate(
      manager,
      { action: 'clan.membership', target, unitPath },
      { clanId: before.clanId, clanCode: before.clan?.code ?? null },
      { clanId: change.clan?.id ?? null, clanCode: change.clan?.code ?? null },
    );
  }
  // More time moves what a person can score, so it is an action of its own.
  if (change.timeMultiplier !== undefined) {
    await recordUpdate(
      manager,
      { action: 'participant.time_multiplier', target, unitPath },
      { timeMultiplier: multiplierOf(before.timePercent) },
      { timeMultiplier: change.timeMultiplier },
    );
  }
  await recordUpdate(
    manager,
    { action: 'participant.update', target, unitPath },
    { fullName: before.fullName, unitCode: before.unit.code, active: before.active },
    { fullName: change.fullName, unitCode: change.unit.code, active: change.active === true ? true : undefined },
  );
}
