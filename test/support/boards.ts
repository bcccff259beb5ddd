import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { OrgFactory } from './org-factory';
import { TestApp, startTestApp } from './test-app';
import { scaledProfile } from './test-database';

export interface Entry {
  rank: number;
  id: number;
  name: string;
  score: number;
  [field: string]: unknown;
}
export interface Update {
  board: string;
  seq: number;
  entries: Entry[];
  moves: Array<{ id: number; from: number | null; to: number | null }>;
}

// On PostgreSQL + Redis the same test runs on two app instances sharing the database and Redis:
// answers go to one, screens watch from both, as behind a load balancer.
const { databaseUrl, redisUrl } = scaledProfile();
export const INSTANCES = databaseUrl && redisUrl ? 2 : 1;

/** The suite's name says how many instances it ran on. */
export const LEADERBOARDS = `leaderboards (${INSTANCES} instance${INSTANCES > 1 ? 's' : ''})`;

/**
 * What the leaderboard specs each start for themselves (jest runs each file in its own worker):
 * one app, or two on one database and Redis, an admin, and the sockets the tests open.
 * The helpers are arrow fields, so a spec may take them apart before `start` has run.
 */
export class LeaderboardApps {
  t!: TestApp;
  other!: TestApp;
  admin!: string;
  private readonly urls: string[] = [];
  private readonly sockets: Socket[] = [];

  async start(): Promise<this> {
    this.t = await startTestApp();
    this.other = INSTANCES > 1 ? await startTestApp({ database: this.t.database, redisPrefix: this.t.config.redisPrefix }) : this.t;
    for (const instance of new Set([this.t, this.other])) {
      await instance.app.listen(0, '127.0.0.1');
      this.urls.push(`http://127.0.0.1:${(instance.app.getHttpServer().address() as AddressInfo).port}/live`);
    }
    this.admin = await new OrgFactory(this.t).admin();
    return this;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.disconnect());
    if (this.other !== this.t) await this.other.close({ keepData: true });
    await this.t.close();
  }

  readonly connect = async (token: string, instance = 0) => {
    const socket = io(this.urls[instance % this.urls.length], { transports: ['websocket'], auth: { token }, reconnection: false });
    this.sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  };

  readonly as = (token: string) => ({
    get: (path: string) => this.t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => this.t.http().post(path).auth(token, { type: 'bearer' }),
    patch: (path: string) => this.t.http().patch(path).auth(token, { type: 'bearer' }),
  });
}
