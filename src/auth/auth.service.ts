import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { recordAudit } from '../audit/audit';
import { firstRow } from '../database/steps';
import { Transactions } from '../database/transactions';
import { Errors } from '../http/errors';
import { MetricsService } from '../metrics/metrics.service';
import { Participant } from '../org/participant.entity';
import { Organiser } from './organiser.entity';
import { Principal } from '../access/principal';
import type { OrganiserSession, ParticipantSession } from '../contract/auth';
import { ScreenToken } from './screen-token.entity';
import { SessionEndings, SessionOwner } from '../access/session-endings';
import { decoyPasswordHash, decoyPinHash, hashPassword, verifySecret } from '../access/secrets';
import { ReservedTry, SignInLimits, SignInRefused, SignInTry, participantAccount } from '../access/sign-in-limits';
import { clockInVietnam } from '../access/sign-in-rules';
import { TokenClaims, TokensService } from '../access/tokens.service';

const badCredentials = () => Errors.of('BAD_CREDENTIALS');

const locked = (until: number) =>
  Errors.of('ACCOUNT_LOCKED', clockInVietnam(until)).with({
    lockedUntil: new Date(until).toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((until - Date.now()) / 1000)),
  });

const slowed = (retryAfterMs: number) => Errors.of('TOO_MANY_FAILED_SIGN_INS').with({ retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });

export const sessionEnded = () => Errors.of('SESSION_ENDED');

const badJoinLink = () => Errors.of('BAD_JOIN_LINK');

const accountDisabled = () => Errors.of('ACCOUNT_DISABLED');

/** An organiser's failures count per address, so nobody elsewhere can lock `admin` out. */
const organiserTry = (username: string, address: string): SignInTry => ({ account: `o:${username}|${address}`, name: `o:${username}`, address });

/** Sign-in for every kind of caller, and turning a token back into a principal. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Organiser) private readonly organisers: Repository<Organiser>,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectRepository(ScreenToken) private readonly screens: Repository<ScreenToken>,
    private readonly limits: SignInLimits,
    private readonly tokens: TokensService,
    private readonly transactions: Transactions,
    private readonly metrics: MetricsService,
    private readonly endings: SessionEndings,
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
        active: true,
        sessionVersion: 0,
        keptSession: null,
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

  async signInOrganiser(username: string, password: string, address: string): Promise<OrganiserSession> {
    const name = username.trim().toLowerCase();
    const attempt = await this.reserve(organiserTry(name, address));
    const organiser = await this.organisers.findOneBy({ username: name });
    // An unknown name costs the same hash work as a known one.
    const right = await this.compare(organiser?.passwordHash ?? (await decoyPasswordHash()), password, 'password');
    if (!organiser || !right) return this.failed(attempt);
    await attempt.succeeded();
    if (!organiser.active) throw accountDisabled();
    const { token, expiresAt } = this.tokens.sign('organiser', organiser.id, { version: organiser.sessionVersion });
    return { accessToken: token, expiresAt, role: organiser.role };
  }

  async signInParticipant(staffCode: string, pin: string, address: string): Promise<ParticipantSession> {
    const code = staffCode.trim().toUpperCase();
    const attempt = await this.reserve({ account: participantAccount(code), name: participantAccount(code), address });
    const participant = await this.participants.findOneBy({ staffCode: code });
    const usable = participant?.active && participant.pinHash ? participant : null;
    // Unknown, inactive and PIN-less codes cost the same hash work as a wrong PIN, so timing tells nothing.
    const right = await this.compare(usable?.pinHash ?? (await decoyPinHash()), pin, 'pin');
    if (!usable || !right) return this.failed(attempt);
    await attempt.succeeded();
    return this.session(usable);
  }

  /** A join link (from a QR code) signs the participant in without a PIN, until it expires or the PIN changes. */
  async join(token: string): Promise<ParticipantSession> {
    const claims = this.tokens.verify(token, ['join']);
    const participant = claims ? await this.participants.findOneBy({ id: claims.id }) : null;
    if (!claims || !participant?.active || participant.sessionVersion !== claims.version) throw badJoinLink();
    return this.session(participant);
  }

  /** The claims of a valid access token, before the database is asked whether its session still holds. */
  verifyAccessToken(token: string): TokenClaims | null {
    return this.tokens.verify(token, ['organiser', 'participant', 'screen']);
  }

  /**
   * The caller behind an access token, as the database says now; null when the token is no
   * good, and a 401 `SESSION_ENDED` when its session was ended (new PIN or password, disabled,
   * signed out everywhere, screen revoked).
   */
  async principalFor(token: string): Promise<Principal | null> {
    const claims = this.verifyAccessToken(token);
    return claims ? this.principalForClaims(claims) : null;
  }

  async principalForClaims(claims: TokenClaims): Promise<Principal | null> {
    if (claims.kind === 'participant') {
      // Every answer passes here: a prepared statement, not the ORM.
      const participant = await this.transactions.read(() =>
        firstRow<{ id: number; unit_id: number; active: boolean | number; session_version: number }>(
          'SELECT id, unit_id, active, session_version FROM participant WHERE id = ?',
          claims.id,
        ),
      );
      if (!participant) return null;
      if (!participant.active || Number(participant.session_version) !== claims.version) throw sessionEnded();
      return { kind: 'participant', id: participant.id, unitId: participant.unit_id };
    }
    if (claims.kind === 'organiser') {
      const organiser = await this.organisers.findOne({ where: { id: claims.id }, relations: { unit: true } });
      if (!organiser) return null;
      const current = claims.version === organiser.sessionVersion || (organiser.keptSession !== null && claims.sessionId === organiser.keptSession);
      if (!organiser.active || !current) throw sessionEnded();
      return { kind: 'organiser', id: organiser.id, role: organiser.role, unitId: organiser.unitId, scopePath: organiser.unit?.path ?? null };
    }
    const screen = await this.screens.findOne({ where: { id: claims.id }, relations: { creator: { unit: true } } });
    if (!screen) return null;
    if (screen.revokedAt !== null || (screen.expiresAt !== null && screen.expiresAt <= Date.now()) || !screen.creator?.active) throw sessionEnded();
    return { kind: 'screen', id: screen.id, raceId: screen.raceId, scopePath: screen.creator.unit?.path ?? null };
  }

  /** "Sign out everywhere": every token of the caller's ends, this one too, and their sockets close. */
  async signOutEverywhere(who: SessionOwner & { kind: 'organiser' | 'participant' }): Promise<void> {
    await this.transactions.run(async (manager) => {
      if (who.kind === 'organiser') await manager.update(Organiser, { id: who.id }, { sessionVersion: () => 'session_version + 1', keptSession: null });
      else await manager.update(Participant, { id: who.id }, { sessionVersion: () => 'session_version + 1' });
      const table = who.kind === 'organiser' ? 'organiser' : 'participant';
      const found: { name: string; path: string | null } | undefined = await manager
        .createQueryBuilder()
        .select(who.kind === 'organiser' ? 't.username' : 't.full_name', 'name')
        .addSelect('u.path', 'path')
        .from(table, 't')
        .leftJoin('unit', 'u', 'u.id = t.unit_id')
        .where('t.id = :id', { id: who.id })
        .getRawOne();
      await recordAudit(manager, {
        action: `${who.kind}.sign_out_everywhere`,
        target: { kind: who.kind, id: who.id, name: found?.name },
        unitPath: found?.path ?? null,
      });
    });
    this.endings.announce(who);
  }

  /** Checks an organiser's own password (to change it), counted like a sign-in so a stolen token cannot guess it. */
  async confirmOrganiserPassword(organiser: Organiser, password: string, address: string): Promise<void> {
    const attempt = await this.reserve(organiserTry(organiser.username, address));
    if (!(await this.compare(organiser.passwordHash, password, 'password'))) return this.failed(attempt);
    await attempt.succeeded();
  }

  private session(participant: Participant): ParticipantSession {
    const { token, expiresAt } = this.tokens.sign('participant', participant.id, { version: participant.sessionVersion });
    const { id, staffCode, fullName, unitId, clanId } = participant;
    return { accessToken: token, expiresAt, participant: { id, staffCode, fullName, unitId, clanId } };
  }

  private async reserve(attempt: SignInTry): Promise<ReservedTry> {
    try {
      return await this.limits.reserve(attempt);
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      this.metrics.signInRefusals.inc({ reason: error.refusal.reason });
      throw error.refusal.reason === 'locked' ? locked(error.refusal.until) : slowed(error.refusal.retryAfterMs);
    }
  }

  private async compare(hash: string, secret: string, kind: 'pin' | 'password'): Promise<boolean> {
    this.metrics.signInChecks.inc({ kind });
    return verifySecret(hash, secret);
  }

  private async failed(attempt: ReservedTry): Promise<never> {
    const lockedUntil = await attempt.failed();
    throw lockedUntil === null ? badCredentials() : locked(lockedUntil);
  }
}
