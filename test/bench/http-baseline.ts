import autocannon from 'autocannon';
import { startBuiltApp } from '../support/child-app';
import { BenchProfile } from './profiles';
import { Figure } from './report';

const DURATION_S = 10;
const CONNECTIONS = 100;

/** Throughput of the bare app: the ceiling the answer path is compared with. */
export async function httpBaseline(profile: BenchProfile): Promise<Figure[]> {
  const storage = await profile.storage();
  const app = await startBuiltApp('test/bench/bench-server.js', storage.env);
  try {
    const conditions = `${CONNECTIONS} connections, ${DURATION_S} s, autocannon in the bench process, app in its own`;
    const health = await autocannon({ url: `${app.url}/health`, connections: CONNECTIONS, duration: DURATION_S });
    const insert = await autocannon({
      url: `${app.url}/api/bench/insert`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'Nguyễn Văn An', n: 1 }),
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    if (insert.non2xx || health.non2xx) throw new Error(`non-2xx replies: ${insert.non2xx + health.non2xx}`);
    return [
      { name: 'GET /health', value: health.requests.average, unit: 'req/s', conditions },
      { name: 'GET /health p99', value: health.latency.p99, unit: 'ms', conditions },
      { name: 'bare validated POST + one insert', value: insert.requests.average, unit: 'req/s', conditions },
      { name: 'bare validated POST + one insert p99', value: insert.latency.p99, unit: 'ms', conditions },
    ];
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await storage.drop();
  }
}
