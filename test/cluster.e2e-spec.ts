import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Socket, io } from 'socket.io-client';
import { burst } from './support/burst';
import { ChildApp, clusterInstances, freePortRun, runBuilt, startBuiltApp } from './support/child-app';
import { checksIn } from './support/metrics';
import { ADMIN_PASSWORD, eventually } from './support/test-app';
import { TestDatabase, createTestDatabase, scaledProfile } from './support/test-database';

const { databaseUrl, redisUrl } = scaledProfile();

describe('npm run cluster', () => {
  it('refuses to start without PostgreSQL and Redis, saying which', async () => {
    const run = runBuilt('src/cluster/cluster.js', { DATA_DIR: mkdtempSync(join(tmpdir(), 'ai-race-cluster-')), DATABASE_URL: 'sqlite:/tmp/x.sqlite' });
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toMatch(/DATABASE_URL must be a postgres:\/\/ address/);
  });

  // Three instances need the scaled profile's PostgreSQL and Redis (CI's second run has them).
  if (databaseUrl && redisUrl) {
    describe('three instances behind the balancer', () => {
      let database: TestDatabase;
      let cluster: ChildApp;
      const sockets: Socket[] = [];

      beforeAll(async () => {
        database = await createTestDatabase();
        cluster = await startBuiltApp(
          'src/cluster/cluster.js',
          {
            DATABASE_URL: database.url,
            REDIS_URL: redisUrl,
            REDIS_PREFIX: `cluster-test-${randomBytes(3).toString('hex')}`,
            ADMIN_PASSWORD,
            DATA_DIR: mkdtempSync(join(tmpdir(), 'ai-race-cluster-')),
            CLUSTER_INSTANCES: '3',
          },
          90_000,
          await freePortRun(4),
        );
      }, 100_000);
      afterAll(async () => {
        sockets.forEach((socket) => socket.disconnect());
        cluster?.child.kill('SIGTERM');
        const exit = await cluster?.exited;
        await database?.drop();
        expect(exit?.code).toBe(0);
      });

      const call = async (token: string | null, method: string, path: string, body?: unknown) => {
        const response = await fetch(`${cluster.url}${path}`, {
          method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
      };

      it('locks a guessed account on every instance, and a new PIN closes its sockets on every instance', async () => {
        const admin = (await call(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken as string;
        await call(admin, 'POST', '/api/units', { code: 'KHOA', name: 'Xã Khóa', category: 'commune', headcount: 1 });
        const person = await call(admin, 'POST', '/api/participants', { staffCode: 'KHOA1', fullName: 'Người bị đoán', unitCode: 'KHOA', pin: '8264' });
        const checks = async () => {
          let sum = 0;
          for (let i = 1; i <= 3; i++) sum += checksIn(await (await fetch(`http://127.0.0.1:${cluster.port + i}/metrics`)).text(), 'pin');
          return sum;
        };
        // Sockets of the same person on every instance (round-robin), before the guessing.
        const token = (await call(null, 'POST', '/api/auth/participant', { staffCode: 'KHOA1', pin: '8264' })).accessToken as string;
        const ended: string[] = [];
        const mine: Socket[] = [];
        for (let i = 0; i < 3; i++) {
          const socket = io(`${cluster.url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
          sockets.push(socket);
          mine.push(socket);
          socket.on('error', (error: { code?: string }) => error.code && ended.push(error.code));
          await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
          expect((await socket.emitWithAck('board:subscribe', { board: 'units', race: 999_999 })).statusCode).toBe(404);
        }

        const before = await checks();
        const replies = await burst(
          cluster.url,
          Array.from({ length: 120 }, (_, i) => ({
            method: 'POST',
            path: '/api/auth/participant',
            body: { staffCode: 'KHOA1', pin: String(1000 + i) },
            headers: { 'x-forwarded-for': `10.77.0.${(i % 12) + 1}` },
          })),
        );
        expect(replies.every((reply) => reply.status === 401 || reply.status === 429)).toBe(true);
        expect((await checks()) - before).toBeLessThanOrEqual(10);
        const right = await fetch(`${cluster.url}/api/auth/participant`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.77.0.13' },
          body: JSON.stringify({ staffCode: 'KHOA1', pin: '8264' }),
        });
        expect(right.status).toBe(429);

        const changed = Date.now();
        await call(admin, 'PATCH', `/api/participants/${person.id}`, { pin: '5555' });
        await eventually(async () => mine.every((socket) => socket.disconnected), 2000);
        expect(Date.now() - changed).toBeLessThan(2000);
        expect(ended).toEqual(['SESSION_ENDED', 'SESSION_ENDED', 'SESSION_ENDED']);
        const refused = await fetch(`${cluster.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
        expect(refused.status).toBe(401);
      }, 60_000);

      it('opens a scheduled round once, and every screen on every instance sees every board update', async () => {
        const admin = (await call(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken as string;
        await call(admin, 'POST', '/api/units', { code: 'CUM', name: 'Xã Cụm', category: 'commune', headcount: 6 });
        const people = [];
        for (let i = 0; i < 6; i++)
          people.push(await call(admin, 'POST', '/api/participants', { staffCode: `CUM${i}`, fullName: `Người thứ ${i}`, unitCode: 'CUM', pin: '1234' }));
        const question = await call(admin, 'POST', '/api/questions', {
          type: 'truefalse',
          text: 'Ba máy chủ dùng chung một cơ sở dữ liệu.',
          choices: [
            { text: 'Đúng', correct: true },
            { text: 'Sai', correct: false },
          ],
        });
        const race = (await call(admin, 'POST', '/api/races', { name: 'Đua ba máy' })).id as number;
        const screenToken = (await call(admin, 'POST', '/api/screen-tokens', { label: 'Hội trường' })).token as string;

        // Six screens through the balancer: round-robin spreads them over the three instances.
        const statuses: Array<Array<{ roundId: number; status: string }>> = [];
        const updates: Array<Array<{ seq: number; entries: Array<{ id: number }> }>> = [];
        for (let i = 0; i < 6; i++) {
          const socket = io(`${cluster.url}/live`, { transports: ['websocket'], auth: { token: screenToken }, reconnection: false, forceNew: true });
          sockets.push(socket);
          await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
          const seen: Array<{ roundId: number; status: string }> = [];
          const got: Array<{ seq: number; entries: Array<{ id: number }> }> = [];
          statuses.push(seen);
          updates.push(got);
          socket.on('round:status', (event) => seen.push(event));
          socket.on('board:update', (event) => got.push(event));
          expect(await socket.emitWithAck('board:subscribe', { board: 'individuals', race })).toMatchObject({ ok: true, seq: 0 });
        }

        const opensAt = new Date(Date.now() + 2500).toISOString();
        const round = (await call(admin, 'POST', `/api/races/${race}/rounds`, { name: 'Vòng hẹn giờ', mode: 'window', opensAt, questionIds: [question.id] }))
          .id as number;
        expect((await call(admin, 'GET', `/api/rounds/${round}`)).status).toBe('scheduled');
        await eventually(async () => statuses.every((seen) => seen.some((event) => event.roundId === round && event.status === 'open')), 15_000);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        // Three instances, three schedulers: the round opened once, so each screen heard it once.
        for (const seen of statuses) expect(seen.filter((event) => event.roundId === round && event.status === 'open')).toHaveLength(1);

        // Answers through the balancer land on all three instances.
        for (const person of people) {
          const token = (await call(null, 'POST', '/api/auth/participant', { staffCode: person.staffCode, pin: '1234' })).accessToken as string;
          const attempt = await call(token, 'POST', `/api/rounds/${round}/attempts`);
          const handle = attempt.question.choices.find((choice: { text: string }) => choice.text === question.choices[0].text).id;
          await call(token, 'POST', `/api/attempts/${attempt.attemptId}/answers`, { questionId: question.id, choiceIds: [handle] });
        }
        await eventually(async () => updates.every((got) => got.at(-1)?.entries.length === 6), 10_000);
        const seqs = updates.map((got) => got.map((update) => update.seq));
        // One ticker for the board: the same rising seq on every screen, each update once.
        for (const list of seqs) expect(list).toEqual(list.map((_s, i) => i + 1));
        const longest = Math.max(...seqs.map((list) => list.length));
        await eventually(async () => seqs.every((list) => list.length === longest), 3000);
        const board = await call(admin, 'GET', `/api/leaderboards/individuals?race=${race}`);
        expect(board.total).toBe(6);
      }, 60_000);

      it('runs roster imports sent to two instances at once one after the other', async () => {
        const admin = (await call(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken as string;
        await call(admin, 'POST', '/api/units', { code: 'NHAP', name: 'Xã Nhập Đôi', category: 'commune', headcount: 3000 });
        const lines = ['Mã cán bộ,Họ và tên,Mã đơn vị'];
        for (let i = 0; i < 3000; i++) lines.push(`NHAP${i},Người nhập ${i},NHAP`);
        const importOn = async (port: number) => {
          const form = new FormData();
          form.append('file', new Blob([lines.join('\n')]), 'ds.csv');
          const response = await fetch(`http://127.0.0.1:${port}/api/participants/import`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin}` },
            body: form,
          });
          expect(response.status).toBe(200);
          return (await response.json()) as { created: number; updated: number };
        };
        // Each checks the roster before it writes: side by side, both would count all 3,000 as new.
        const reports = await Promise.all([importOn(cluster.port + 1), importOn(cluster.port + 2)]);
        expect(reports.map((report) => report.created).sort()).toEqual([0, 3000]);
        expect(reports.map((report) => report.updated).sort()).toEqual([0, 3000]);
      }, 60_000);

      it('loses no acknowledged answer when an instance is killed mid-round, and starts it again', async () => {
        const admin = (await call(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken as string;
        await call(admin, 'POST', '/api/units', { code: 'GIET', name: 'Xã Máy Chết', category: 'commune', headcount: 6 });
        // The choice each question is answered with: its real id (as stored) and text (to find each attempt's handle for it).
        const questions: Array<{ id: number; choice: number; text: string }> = [];
        for (let i = 0; i < 20; i++) {
          const made = await call(admin, 'POST', '/api/questions', {
            type: 'truefalse',
            text: `Máy chết câu ${i + 1}?`,
            choices: [
              { text: 'Đúng', correct: true },
              { text: 'Sai', correct: false },
            ],
          });
          questions.push({ id: made.id, choice: made.choices[i % 2].id, text: made.choices[i % 2].text });
        }
        const race = (await call(admin, 'POST', '/api/races', { name: 'Đua máy chết' })).id as number;
        const round = (
          await call(admin, 'POST', `/api/races/${race}/rounds`, {
            name: 'Vòng máy chết',
            mode: 'window',
            questionIds: questions.map((q) => q.id),
            secondsPerQuestion: 300,
          })
        ).id as number;
        await call(admin, 'POST', `/api/rounds/${round}/open`);
        const tokens: string[] = [];
        for (let i = 0; i < 6; i++) {
          await call(admin, 'POST', '/api/participants', { staffCode: `GIET${i}`, fullName: `Người máy chết ${i}`, unitCode: 'GIET', pin: '1234' });
          tokens.push((await call(null, 'POST', '/api/auth/participant', { staffCode: `GIET${i}`, pin: '1234' })).accessToken);
        }
        const textOf = new Map(questions.map((q) => [q.id, q.text]));
        let acked = 0;
        // Clients retry through the balancer as the phone page does; a request on the dying instance fails and is sent again.
        const play = async (token: string) => {
          let attempt: { attemptId: number; question: { id: number; choices: Array<{ id: number; text: string }> } | null } | null = null;
          for (;;) {
            try {
              attempt ??= await call(token, 'POST', `/api/rounds/${round}/attempts`);
              if (!attempt!.question) return;
              const handle = attempt!.question.choices.find((choice) => choice.text === textOf.get(attempt!.question!.id))!.id;
              const reply = await call(token, 'POST', `/api/attempts/${attempt!.attemptId}/answers`, { questionId: attempt!.question.id, choiceIds: [handle] });
              acked += 1;
              attempt = { attemptId: attempt!.attemptId, question: reply.next };
            } catch (error) {
              // Only the dying instance's failures are retried: a refusal (4xx) is a real failure.
              if (/ → 4\d\d /.test(String(error))) throw error;
              await new Promise((resolve) => setTimeout(resolve, 100));
              attempt = null;
            }
          }
        };
        const playing = Promise.all(tokens.map(play));
        while (acked < 30) await new Promise((resolve) => setTimeout(resolve, 5));
        const victim = cluster.port + 2;
        const pid = clusterInstances(cluster.output()).get(victim)!;
        expect(pid).toBeGreaterThan(0);
        process.kill(pid, 'SIGKILL');
        await playing;
        // An answer committed as its instance died is stored but its reply never arrives: at most one per participant.
        expect(acked).toBeGreaterThanOrEqual(120 - tokens.length);
        expect(acked).toBeLessThanOrEqual(120);
        // Every answer stored once, with the choice sent.
        const client = new Client({ connectionString: database.url });
        await client.connect();
        const rows = (
          await client.query('SELECT question_id, choice_ids, COUNT(*) AS n FROM answer WHERE round_id = $1 GROUP BY question_id, choice_ids', [round])
        ).rows;
        await client.end();
        expect(rows.map((row) => [Number(row.question_id), row.choice_ids, Number(row.n)]).sort()).toEqual(
          questions.map((q) => [q.id, String(q.choice), 6]).sort(),
        );
        // The cluster starts the killed instance again.
        await eventually(async () => (await fetch(`http://127.0.0.1:${victim}/health`).catch(() => null))?.ok, 30_000);
        expect(cluster.output()).toMatch(new RegExp(`instance on port \\d+ stopped \\(SIGKILL\\); starting it again`));
      }, 90_000);

      it('replaces a standby that keeps dying while it waits less and less often', async () => {
        const standbys = () => [...cluster.output().matchAll(/the standby is pid (\d+)/g)].map((match) => Number(match[1]));
        let seen = 0;
        // The kill test's takeover put the last standby to work; the next one comes 5 s after it.
        const nextStandby = async () => {
          await eventually(async () => {
            const pid = standbys().at(-1);
            return standbys().length > seen && pid !== undefined && ![...clusterInstances(cluster.output()).values()].includes(pid);
          }, 20_000);
          seen = standbys().length;
          return standbys().at(-1)!;
        };
        for (const delay of [5000, 10000]) {
          process.kill(await nextStandby(), 'SIGKILL');
          await eventually(async () => cluster.output().includes(`while waiting; another in ${delay} ms`), 10_000);
        }
        // And the one after those is started in turn.
        expect(await nextStandby()).toBeGreaterThan(0);
      }, 60_000);
    });
  }
});
