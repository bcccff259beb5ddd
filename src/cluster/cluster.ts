import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ClusterConfig, ConfigError, loadClusterConfig } from '../config/config';
import { Balancer } from './balancer';

const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 10_000;
const STABLE_AFTER_MS = 10_000;
// A fresh standby waits this long, so its loading does not slow the one that just took over.
const NEXT_STANDBY_AFTER_MS = 5_000;
// A standby that dies while it waits (the database gone, say) is replaced less and less often.
const MAX_STANDBY_DELAY_MS = 60_000;

/**
 * `npm run cluster`: N instances of the app on PostgreSQL and Redis behind one balancer, each
 * restarted when it dies. The first instance starts alone (it runs the migrations and creates
 * the admin), then the others. Every instance gets the same JWT secret.
 *
 * A standby process waits beside them with the app built and connected, which is most of a
 * start-up (its modules start, with their jobs and sockets, only when it takes over): when an instance dies, the standby takes its port at once and a new standby is
 * started a little later. An instance that dies young (a bad setting, the database gone) is
 * started afresh instead, less and less often.
 */
export async function runCluster(config: ClusterConfig, log: (line: string) => void = console.log): Promise<{ stop: () => Promise<void>; balancer: Balancer }> {
  const main = join(__dirname, '..', 'main.js');
  const env = { ...process.env, HOST: '127.0.0.1', JWT_SECRET: config.app.jwtSecret, TRUST_PROXY: '127.0.0.1' };
  const instances: Array<{ port: number; child: ChildProcess | null; delayMs: number }> = Array.from({ length: config.instances }, (_v, i) => ({
    port: config.port + 1 + i,
    child: null,
    delayMs: FIRST_RESTART_DELAY_MS,
  }));
  let standby: { child: ChildProcess; ready: boolean } | null = null;
  let standbyTimer: NodeJS.Timeout | undefined;
  let standbyDelayMs = NEXT_STANDBY_AFTER_MS;
  let stopping = false;

  const serve = (instance: (typeof instances)[number], child: ChildProcess) => {
    const startedAt = Date.now();
    instance.child = child;
    log(`instance on port ${instance.port} is pid ${child.pid}`);
    child.on('exit', (code, signal) => {
      instance.child = null;
      if (stopping) return;
      const young = Date.now() - startedAt < STABLE_AFTER_MS;
      instance.delayMs = young ? Math.min(instance.delayMs * 2, MAX_RESTART_DELAY_MS) : FIRST_RESTART_DELAY_MS;
      const stopped = `instance on port ${instance.port} stopped (${signal ?? code})`;
      if (!young && standby?.ready) {
        log(`${stopped}; starting it again from the standby`);
        return takeOver(instance);
      }
      log(`${stopped}; starting it again in ${instance.delayMs} ms`);
      setTimeout(() => !stopping && start(instance), instance.delayMs);
    });
  };
  const start = (instance: (typeof instances)[number]) =>
    serve(instance, spawn(process.execPath, [main], { env: { ...env, PORT: String(instance.port) }, stdio: ['ignore', 'inherit', 'inherit'] }));

  const startStandby = () => {
    const child = spawn(process.execPath, [main], { env: { ...env, CLUSTER_STANDBY: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const startedAt = Date.now();
    const waiting = { child, ready: false };
    standby = waiting;
    log(`the standby is pid ${child.pid}`);
    child.once('message', () => (waiting.ready = true));
    child.once('exit', (code, signal) => {
      if (standby !== waiting) return;
      standby = null;
      if (stopping) return;
      // One that had waited a good while just died once: no reason to wait longer for the next.
      if (Date.now() - startedAt > STABLE_AFTER_MS) standbyDelayMs = NEXT_STANDBY_AFTER_MS;
      log(`the standby stopped (${signal ?? code}) while waiting; another in ${standbyDelayMs} ms`);
      standbyTimer = setTimeout(startStandby, standbyDelayMs);
      standbyDelayMs = Math.min(standbyDelayMs * 2, MAX_STANDBY_DELAY_MS);
    });
  };
  const takeOver = (instance: (typeof instances)[number]) => {
    const { child } = standby!;
    standby = null;
    child.send({ port: instance.port });
    serve(instance, child);
    standbyTimer = setTimeout(startStandby, NEXT_STANDBY_AFTER_MS);
  };
  const answers = async (port: number) => {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
      } catch {
        // not yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the instance on port ${port} did not start within a minute`);
  };

  start(instances[0]);
  await answers(instances[0].port);
  instances.slice(1).forEach(start);
  await Promise.all(instances.slice(1).map((instance) => answers(instance.port)));
  const balancer = new Balancer(instances.map((instance) => `http://127.0.0.1:${instance.port}`));
  await balancer.listen(config.port, config.host);
  log(`ai-race cluster: ${config.instances} instances (ports ${instances[0].port}–${instances.at(-1)!.port}) behind http://${config.host}:${config.port}`);
  startStandby();

  return {
    balancer,
    stop: async () => {
      stopping = true;
      clearTimeout(standbyTimer);
      await balancer.close();
      const children = [...instances.map((instance) => instance.child), standby?.child ?? null];
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

if (require.main === module) {
  let config: ClusterConfig;
  try {
    config = loadClusterConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  runCluster(config).then(
    (cluster) => {
      const stop = () => void cluster.stop().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      console.error('The cluster could not start:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
