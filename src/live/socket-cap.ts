import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RedisConnection } from '../redis/redis.module';
import { MAX_SOCKETS, SocketOwnerKind, mayOpenSocket } from './socket-rules';

/** Whose sockets are counted together: one account, or one screen token. */
export interface SocketOwner {
  kind: SocketOwnerKind;
  id: number;
}

/** How long an instance counts as alive after it last said so, and how often it says so. */
const ALIVE_MS = 15_000;
const HEARTBEAT_MS = 5_000;
/** An owner nobody connected as for a day is forgotten (a socket held longer then counts no more). */
const OWNER_TTL_MS = 24 * 3600_000;

/**
 * Admits a socket if its owner holds fewer than the cap on live instances, in one step: sockets
 * of instances that stopped saying they are alive are dropped first, so an instance that died
 * leaks nothing beyond ALIVE_MS. KEYS: the owner's set of "<instance>|<socket>", this instance's
 * liveness key. ARGV: the member, the cap, the liveness keys' prefix, ALIVE_MS, OWNER_TTL_MS.
 */
const ADMIT = `
redis.call('SET', KEYS[2], '1', 'PX', ARGV[4])
local open = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local instance = string.match(member, '^(.-)|')
  if instance and redis.call('EXISTS', ARGV[3] .. instance) == 1 then
    open = open + 1
  else
    redis.call('SREM', KEYS[1], member)
  end
end
if open >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

const ownerKey = (owner: SocketOwner) => `${owner.kind}:${owner.id}`;

/**
 * How many `/live` sockets each access token holds, on every instance: at most MAX_SOCKETS of a
 * kind. Alone, this instance's own count decides; with Redis, a set per owner that every instance
 * adds to and removes from, checked and added to atomically so parallel connections cannot pass
 * the cap together. If Redis does not answer, the instance counts its own sockets meanwhile and
 * puts them back into Redis once it answers again (it may have restarted empty).
 */
@Injectable()
export class SocketCap implements OnModuleInit, OnApplicationShutdown {
  private readonly instance = randomUUID();
  private readonly prefix: string;
  /** Sockets admitted on this instance, by owner. */
  private readonly here = new Map<string, Set<string>>();
  /** Each socket's admission, settled or under way, so a socket that leaves early still gives its place back. */
  private readonly admissions = new Map<string, Promise<SocketOwner | null>>();
  /** Removals Redis did not take: tried again with the next heartbeat. */
  private unreleased: Array<[SocketOwner, string]> = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redisPrefix}:sockets`;
  }

  onModuleInit(): void {
    if (!this.redis.client) return;
    this.redis.onRestore('socket counts', () => this.restore());
    void this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // Its sockets close with it: they stop counting at once rather than after ALIVE_MS.
    if (this.ready()) await this.redis.client!.del(this.aliveKey(this.instance)).catch(() => undefined);
  }

  /** Counts the socket for its owner if there is room; false: the owner holds its cap already. */
  admit(socketId: string, owner: SocketOwner): Promise<boolean> {
    const admission = this.take(socketId, owner).then((admitted) => (admitted ? owner : null));
    this.admissions.set(socketId, admission);
    return admission.then(Boolean);
  }

  /** The socket closed: its place is free (once its admission, if still under way, has settled). */
  release(socketId: string): void {
    const admission = this.admissions.get(socketId);
    if (!admission) return;
    this.admissions.delete(socketId);
    void admission.then((owner) => {
      if (!owner) return;
      const mine = this.here.get(ownerKey(owner));
      mine?.delete(socketId);
      if (mine?.size === 0) this.here.delete(ownerKey(owner));
      if (this.redis.client) void this.forget(owner, socketId);
    });
  }

  private async take(socketId: string, owner: SocketOwner): Promise<boolean> {
    const key = ownerKey(owner);
    if (this.ready()) {
      try {
        const admitted = await this.redis.client!.eval(
          ADMIT,
          2,
          this.ownerSet(owner),
          this.aliveKey(this.instance),
          this.member(socketId),
          MAX_SOCKETS[owner.kind],
          this.aliveKey(''),
          ALIVE_MS,
          OWNER_TTL_MS,
        );
        if (admitted === 1) this.counted(key, socketId);
        return admitted === 1;
      } catch {
        // Counted here alone until Redis answers (restore() puts these back).
      }
    }
    // Synchronous from the check to the add: parallel connections to this instance cannot pass together.
    if (!mayOpenSocket(owner.kind, this.here.get(key)?.size ?? 0)) return false;
    this.counted(key, socketId);
    return true;
  }

  private counted(key: string, socketId: string): void {
    let mine = this.here.get(key);
    if (!mine) this.here.set(key, (mine = new Set()));
    mine.add(socketId);
  }

  private async forget(owner: SocketOwner, socketId: string): Promise<void> {
    try {
      if (!this.ready()) throw new Error('Redis is not ready');
      await this.redis.client!.srem(this.ownerSet(owner), this.member(socketId));
    } catch {
      this.unreleased.push([owner, socketId]);
    }
  }

  private async heartbeat(): Promise<void> {
    if (!this.ready()) return;
    try {
      await this.redis.client!.set(this.aliveKey(this.instance), '1', 'PX', ALIVE_MS);
      const retry = this.unreleased;
      this.unreleased = [];
      for (const [owner, socketId] of retry) await this.forget(owner, socketId);
    } catch {
      // The next beat tries again; meanwhile other instances may stop counting this one's sockets.
    }
  }

  /** After a Redis outage: this instance's sockets go back into the counts (Redis may have lost them). */
  private async restore(): Promise<void> {
    const batch = this.redis.client!.multi();
    batch.set(this.aliveKey(this.instance), '1', 'PX', ALIVE_MS);
    for (const [key, sockets] of this.here) {
      const [kind, id] = key.split(':');
      const owner = { kind: kind as SocketOwnerKind, id: Number(id) };
      batch.sadd(this.ownerSet(owner), ...[...sockets].map((socketId) => this.member(socketId)));
      batch.pexpire(this.ownerSet(owner), OWNER_TTL_MS);
    }
    await batch.exec();
  }

  private ready(): boolean {
    return this.redis.client?.status === 'ready';
  }

  private ownerSet(owner: SocketOwner): string {
    return `${this.prefix}:${ownerKey(owner)}`;
  }

  private aliveKey(instance: string): string {
    return `${this.prefix}:alive:${instance}`;
  }

  private member(socketId: string): string {
    return `${this.instance}|${socketId}`;
  }
}
