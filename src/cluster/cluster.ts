import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ClusterConfig, ConfigError, loadClusterConfig } from '../config/config';
import { Balancer } from './balancer';

const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 10_000;
const STABLE_AFTER_MS = 10_000;

/**
 * `npm run cluster`: N instances of the app on PostgreSQL and Redis behind one balancer, each
 * restarted when it dies. The first instance starts alone (it runs the migrations and creates
 * the admin), then the others. Every instance gets the same JWT secret.
 */
export async function runCluster(config: ClusterConfig, log: (line: string) => void = console.log): Promise<{ stop: () => Promise<void>; balancer: Balancer }> {
  const main = join(__dirname, '..', 'main.js');
  const instances: Array<{ port: number; child: ChildProcess | null; delayMs: number }> = Array.from({ length: config.instances }, (_v, i) => ({
    port: config.port + 1 + i,
    child: null,
    delayMs: FIRST_RESTART_DELAY_MS,
  }));
  let stopping = false;

  const start = (instance: (typeof instances)[number]) => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: String(instance.port), HOST: '127.0.0.1', JWT_SECRET: config.app.jwtSecret, TRUST_PROXY: '127.0.0.1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    instance.child = child;
    child.on('exit', (code, signal) => {
      instance.child = null;
      if (stopping) return;
      // An instance killed once is back at once; one that keeps dying at start-up (a bad setting,
      // the database gone) is started again less and less often instead of in a tight loop.
      instance.delayMs = Date.now() - startedAt < STABLE_AFTER_MS ? Math.min(instance.delayMs * 2, MAX_RESTART_DELAY_MS) : FIRST_RESTART_DELAY_MS;
      log(`instance on port ${instance.port} stopped (${signal ?? code}); starting it again in ${instance.delayMs} ms`);
      setTimeout(() => !stopping && start(instance), instance.delayMs);
    });
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

  return {
    balancer,
    stop: async () => {
      stopping = true;
      await balancer.close();
      await Promise.all(
        instances.map(
          (instance) =>
            new Promise<void>((resolve) => {
              if (!instance.child) return resolve();
              instance.child.once('exit', () => resolve());
              instance.child.kill('SIGTERM');
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
