import { ADMIN_PASSWORD } from '../support/test-app';
import { startBuiltApp } from '../support/child-app';
import { upload } from './play-arena';
import { BenchProfile } from './profiles';
import { Figure } from './report';

const ROWS = 100_000;
const TARGET_S = 30;

/** 100,000 participants in one CSV through the HTTP import, while another client keeps asking /health. */
export async function rosterImport(profile: BenchProfile): Promise<Figure[]> {
  const storage = await profile.storage();
  const app = await startBuiltApp('src/main.js', storage.env);
  try {
    const headers = async () => {
      const res = await fetch(`${app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      return { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
    };
    const auth = await headers();
    const units = ['code,name,category,parentCode,headcount', 'BENCH,Huyện thử,district_office,,0'];
    for (let u = 0; u < 100; u++) units.push(`BENCH-${u},Đơn vị ${u},commune,BENCH,1000`);
    await upload(`${app.url}/api/units/import`, auth, units.join('\n'), 'units.csv');

    const lines = ['Mã cán bộ,Họ và tên,Mã đơn vị,Mã PIN'];
    for (let i = 0; i < ROWS; i++) lines.push(`NV${String(i).padStart(6, '0')},Nguyễn Thị Ánh Tuyết ${i},BENCH-${i % 100},${1000 + (i % 9000)}`);
    const csv = lines.join('\n');

    // While the import runs, /health must keep answering: the event loop is not held.
    const probing = probeHealth(app.url);
    const started = performance.now();
    const report = await upload(`${app.url}/api/participants/import`, auth, csv, 'participants.csv');
    const seconds = (performance.now() - started) / 1000;
    const probes = await probing.stop();
    if ((report as { created: number }).created !== ROWS) throw new Error(`import reported ${JSON.stringify(report)}`);

    // Then who has not played yet (everyone) as a download: streamed, while /health keeps answering.
    const race = (
      (await (
        await fetch(`${app.url}/api/races`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Đua đo tải' }),
        })
      ).json()) as { id: number }
    ).id;
    const downloads: Figure[] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const exportProbes = probeHealth(app.url);
      const exportStarted = performance.now();
      const res = await fetch(`${app.url}/api/reports/non-participants.${format}?race=${race}`, { headers: auth });
      const file = Buffer.from(await res.arrayBuffer());
      const exportSeconds = (performance.now() - exportStarted) / 1000;
      const slowest = (await exportProbes.stop()).at(-1) ?? 0;
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
      if (format === 'csv' && file.toString('utf8').split('\r\n').length !== ROWS + 2) throw new Error('the CSV export does not have a line per participant');
      const conditions = `${ROWS.toLocaleString('en-US')} participants who have not played, ${(file.length / 2 ** 20).toFixed(1)} MiB, streamed`;
      downloads.push(
        { name: `non-participants export, 100,000 rows, ${format}`, value: exportSeconds, unit: 's', target: '≤ 20 s', met: exportSeconds <= 20, conditions },
        {
          name: `/health during the ${format} export, slowest`,
          value: slowest,
          unit: 'ms',
          target: '≤ 100 ms',
          met: slowest <= 100,
          conditions: 'probes 50 ms apart',
        },
      );
    }
    const worst = probes.at(-1) ?? 0;
    const conditions = `${ROWS.toLocaleString('en-US')} rows CSV (${(csv.length / 2 ** 20).toFixed(1)} MiB) with PINs, one HTTP upload`;
    return [
      { name: 'participant import, 100,000 rows', value: seconds, unit: 's', target: `≤ ${TARGET_S} s`, met: seconds <= TARGET_S, conditions },
      { name: '/health during the import, slowest', value: worst, unit: 'ms', conditions: `${probes.length} probes 50 ms apart` },
      ...downloads,
    ];
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await storage.drop();
  }
}

/** Asks /health every 50 ms until stopped; the sorted response times. */
function probeHealth(url: string): { stop: () => Promise<number[]> } {
  let probing = true;
  const times: number[] = [];
  const running = (async () => {
    while (probing) {
      const started = performance.now();
      await fetch(`${url}/health`);
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      probing = false;
      await running;
      return times.sort((a, b) => a - b);
    },
  };
}
