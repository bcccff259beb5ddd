import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { eventually } from './test-app';

/** The repository's root, from test/support or from its compiled copy in dist/test/support. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const DIST = join(projectRoot(), 'dist');

export interface ChildApp {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(port = 0): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => (server.once('error', reject), server.listen(port, '127.0.0.1', resolve)));
  const bound = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return bound;
}

/**
 * The first of `count` free ports in a row (the cluster's balancer and its instances). Taken
 * below the kernel's ephemeral range, where the tests' own outgoing connections cannot hold them.
 */
export async function freePortRun(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        freePort(first + i).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (free.every(Boolean)) return first;
  }
}

/** Runs a built script (`npm test` builds dist/ first) as its own process. */
export function runBuilt(script: string, env: Record<string, string>, args: string[] = []): Omit<ChildApp, 'port' | 'url'> {
  const path = join(DIST, script);
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" (npm test does it)`);
  // BENCH_PROFILE=<dir> writes a CPU profile of every app a benchmark starts (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // BENCH_NODE_ARGS="--flag -r probe.js": Node and V8 flags for every app a benchmark starts (V8's are refused in NODE_OPTIONS).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...profile, ...nodeArgs, path, ...args], {
    // MALLOC_ARENA_MAX passes through: glibc's arenas change the RSS a soak run measures.
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Starts a built app (on a free port unless given one) and waits until /health answers 200. */
export async function startBuiltApp(script: string, env: Record<string, string>, timeoutMs = 20000, port?: number): Promise<ChildApp> {
  port ??= await freePort();
  const run = runBuilt(script, { HOST: '127.0.0.1', PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  let exitedEarly = false;
  void run.exited.then(() => (exitedEarly = true));
  await eventually(async () => {
    if (exitedEarly) throw new Error(`${script} exited before it was healthy:\n${run.output()}`);
    const res = await fetch(`${url}/health`).catch(() => null);
    return res?.status === 200;
  }, timeoutMs);
  return { ...run, port, url };
}

/** Each instance's pid by port, as `npm run cluster` last logged it (a standby takes over a dead one's port). */
export function clusterInstances(output: string): Map<number, number> {
  const pids = new Map<number, number>();
  for (const [, port, pid] of output.matchAll(/instance on port (\d+) is pid (\d+)/g)) pids.set(Number(port), Number(pid));
  return pids;
}
