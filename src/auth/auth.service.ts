import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { firstRow } from '../database/steps';
import { Transactions } from '../database/transactions';
import { AppException } from '../http/app-exception';
import { Participant } from '../org/participant.entity';
import { Unit } from '../org/unit.entity';
import { FailureCounter } from './failure-counter';
import { Organiser, OrganiserRole } from './organiser.entity';
import { Principal } from './principal';
import { ScreenToken } from './screen-token.entity';
import { hashPassword, decoyPasswordHash, verifySecret } from './secrets';
import {
  ADDRESS_WINDOW_MS,
  LockState,
  MAX_FAILURES_PER_ADDRESS,
  afterFailure,
  clockInVietnam,
  isLocked,
} from './sign-in-rules';
import { TokensService } from './tokens.service';

export const FAILURE_COUNTER = Symbol('FAILURE_COUNTER');

export interface ParticipantSession {
  accessToken: string;
  expiresAt: string | null;
  participant: { id: number; staffCode: string; fullName: string; unitId: number; clanId: number | null };
}

const badCredentials = () =>
  new AppException(401, 'BAD_CREDENTIALS', {
    vi: 'Sai thông tin đăng nhập',
    en: 'Wrong sign-in details',
  });

const locked = (until: number) =>
  new AppException(
    429,
    'ACCOUNT_LOCKED',
    {
      vi: `Nhập sai quá 5 lần: tài khoản bị khóa tạm thời đến ${clockInVietnam(until)}. Hãy thử lại sau hoặc nhờ ban tổ chức hỗ trợ.`,
      en: `Too many wrong tries: the account is locked until ${clockInVietnam(until)} (Vietnam time). Try again later or ask an organiser.`,
    },
    { lockedUntil: new Date(until).toISOString(), retryAfterSeconds: Math.ceil((until - Date.now()) / 1000) },
  );

const addressBlocked = () =>
  new AppException(429, 'TOO_MANY_FAILED_SIGN_INS', {
    vi: 'Có quá nhiều lần đăng nhập sai từ địa chỉ này. Hãy thử lại sau ít phút.',
    en: 'Too many failed sign-ins from this address. Try again in a few minutes.',
  });

/** Sign-in for every kind of caller, and turning a token back into a principal. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FAILURE_COUNTER) private readonly failures: FailureCounter,
    @InjectRepository(Organiser) private readonly organisers: Repository<Organiser>,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectRepository(ScreenToken) private readonly screens: Repository<ScreenToken>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly tokens: TokensService,
    private readonly transactions: Transactions,
  ) {}

  /** First start: an `admin` with ADMIN_PASSWORD, or a random password printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.organisers.count()) > 0) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    try {
      await this.organisers.insert({
        username: 'admin',
        passwordHash: await hashPassword(password),
        role: 'admin',
        unitId: null,
        failedSignIns: 0,
        lockedUntil: null,
        createdAt: Date.now(),
      });
    } catch {
      return; // another instance created it first
    }
    if (this.config.adminPassword) this.logger.log('Created organiser "admin" with ADMIN_PASSWORD');
    else {
      // Printed once on purpose: there is no other way to learn it.
      console.log(`\nCreated organiser "admin" with password: ${password}\nWrite it down; it is not shown again.\n`);
    }
  }

  async signInOrganiser(username: string, password: string, address: string): Promise<{ accessToken: string; expiresAt: string | null; role: OrganiserRole }> {
    await this.refuseBlockedAddress(address);
    const organiser = await this.organisers.findOneBy({ username: username.trim().toLowerCase() });
    if (!organiser) {
      await verifySecret(await decoyPasswordHash(), password);
      return this.fail(address);
    }
    const ok = await this.checkSecret(organiser, organiser.passwordHash, password, (state) =>
      this.organisers.update({ id: organiser.id }, state),
    );
    if (!ok) return this.fail(address);
    const { token, expiresAt } = this.tokens.sign('organiser', organiser.id);
    return { accessToken: token, expiresAt, role: organiser.role };
  }

  async signInParticipant(staffCode: string, pin: string, address: string): Promise<ParticipantSession> {
    await this.refuseBlockedAddress(address);
    const participant = await this.participants.findOneBy({ staffCode: staffCode.trim().toUpperCase() });
    if (!participant || !participant.active || !participant.pinHash) {
      await verifySecret(await decoyPasswordHash(), pin);
      return this.fail(address);
    }
    const ok = await this.checkSecret(participant, participant.pinHash, pin, (state) =>
      this.participants.update({ id: participant.id }, state),
    );
    if (!ok) return this.fail(address);
    return this.session(participant);
  }

  /** A join link (from a QR code) signs the participant in without a PIN. */
  async join(token: string): Promise<ParticipantSession> {
    const claims = this.tokens.verify(token, ['join']);
    const participant = claims ? await this.participants.findOneBy({ id: claims.id }) : null;
    if (!participant?.active) {
      throw new AppException(401, 'BAD_JOIN_LINK', {
        vi: 'Liên kết tham gia không hợp lệ hoặc đã hết hạn. Hãy xin ban tổ chức liên kết mới.',
        en: 'The join link is invalid or has expired. Ask an organiser for a new one.',
      });
    }
    return this.session(participant);
  }

  /** The caller behind an access token, as the database says now; null when it no longer may. */
  async principalFor(token: string): Promise<Principal | null> {
    const claims = this.tokens.verify(token, ['organiser', 'participant', 'screen']);
    if (!claims) return null;
    if (claims.kind === 'organiser') {
      const organiser = await this.organisers.findOneBy({ id: claims.id });
      if (!organiser) return null;
      const unit = organiser.unitId ? await this.units.findOneBy({ id: organiser.unitId }) : null;
      return { kind: 'organiser', id: organiser.id, role: organiser.role, unitId: organiser.unitId, scopePath: unit?.path ?? null };
    }
    if (claims.kind === 'participant') {
      // Every answer passes here: a prepared statement, not the ORM.
      const participant = await this.transactions.read(() =>
        firstRow<{ id: number; unit_id: number; active: boolean | number }>('SELECT id, unit_id, active FROM participant WHERE id = ?', claims.id),
      );
      return participant?.active ? { kind: 'participant', id: participant.id, unitId: participant.unit_id } : null;
    }
    const screen = await this.screens.findOneBy({ id: claims.id });
    return screen && screen.revokedAt === null ? { kind: 'screen', id: screen.id } : null;
  }

  private session(participant: Participant): ParticipantSession {
    const { token, expiresAt } = this.tokens.sign('participant', participant.id);
    const { id, staffCode, fullName, unitId, clanId } = participant;
    return { accessToken: token, expiresAt, participant: { id, staffCode, fullName, unitId, clanId } };
  }

  /** Verifies a secret against an account's lock and counts; true when the secret is right. */
  private async checkSecret(
    account: LockState,
    hash: string,
    secret: string,
    save: (state: LockState) => Promise<unknown>,
  ): Promise<boolean> {
    const now = Date.now();
    if (isLocked(account, now)) throw locked(account.lockedUntil!);
    if (await verifySecret(hash, secret)) {
      if (account.failedSignIns || account.lockedUntil) await save({ failedSignIns: 0, lockedUntil: null });
      return true;
    }
    const next = afterFailure(account, now);
    await save(next);
    if (isLocked(next, now)) throw locked(next.lockedUntil!);
    return false;
  }

  private async refuseBlockedAddress(address: string): Promise<void> {
    if ((await this.failures.count(address)) >= MAX_FAILURES_PER_ADDRESS) throw addressBlocked();
  }

  private async fail(address: string): Promise<never> {
    await this.failures.add(address, ADDRESS_WINDOW_MS);
    throw badCredentials();
  }
}
