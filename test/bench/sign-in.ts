import autocannon from 'autocannon';
import { ADMIN_PASSWORD } from '../support/test-app';
import { startBuiltApp } from '../support/child-app';
import { upload } from './play-arena';
import { BenchProfile } from './profiles';
import { Figure } from './report';

const PARTICIPANTS = 2_000;
const UNITS = 50;
const CONNECTIONS = 50;
const DURATION_S = 10;

/** A 6-digit PIN per participant, different from its neighbours'. */
const pinOf = (i: number) => String(100_000 + ((i * 7_919) % 900_000));
const staffCodeOf = (i: number) => `NV${String(i).padStart(6, '0')}`;

/**
 * Participant sign-in (`POST /api/auth/participant`) flat out: 2,000 participants imported over
 * HTTP, then signed in in turn, every one with their right PIN. Wrong PINs are left out on
 * purpose: lockouts and the per-address limit would be what is measured, not the sign-in.
 * Every reply must be a 200 for the participant asked for.
 */
export async function signIn(profile: BenchProfile): Promise<Figure[]> {
  const storage = await profile.storage();
  const app = await startBuiltApp('src/main.js', storage.env);
  try {
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`admin sign-in answered ${login.status}`);
    const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const units = ['code,name,category,parentCode,headcount', 'BENCH,Huyện thử,district_office,,0'];
    for (let u = 0; u < UNITS; u++) units.push(`BENCH-${u},Đơn vị ${u},commune,BENCH,${Math.ceil(PARTICIPANTS / UNITS)}`);
    await upload(`${app.url}/api/units/import`, auth, units.join('\n'), 'units.csv');
    const lines = ['Mã cán bộ,Họ và tên,Mã đơn vị,Mã PIN'];
    for (let i = 0; i < PARTICIPANTS; i++) lines.push(`${staffCodeOf(i)},Nguyễn Thị Ánh ${i},BENCH-${i % UNITS},${pinOf(i)}`);
    const imported = (await upload(`${app.url}/api/participants/import`, auth, lines.join('\n'), 'participants.csv')) as { created: number };
    if (imported.created !== PARTICIPANTS) throw new Error(`import reported ${JSON.stringify(imported)}`);

    // One request, rebuilt before each send: the next participant in turn, over all connections.
    const bodies = Array.from({ length: PARTICIPANTS }, (_, i) => JSON.stringify({ staffCode: staffCodeOf(i), pin: pinOf(i) }));
    let turn = 0;
    let checked = 0;
    let wrongReplies = 0;
    let firstWrong = '';
    const result = await autocannon({
      url: `${app.url}/api/auth/participant`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          setupRequest: (request, context) => {
            const i = turn++ % PARTICIPANTS;
            (context as { staffCode?: string }).staffCode = staffCodeOf(i);
            return { ...request, method: 'POST', path: '/api/auth/participant', body: bodies[i] };
          },
          onResponse: (status, body, context) => {
            checked++;
            const expected = (context as { staffCode?: string }).staffCode;
            let signedIn: string | undefined;
            try {
              signedIn = (JSON.parse(body) as { accessToken?: string; participant?: { staffCode?: string } }).participant?.staffCode;
            } catch {
              signedIn = undefined;
            }
            if (status !== 200 || signedIn !== expected) {
              wrongReplies++;
              firstWrong ||= `${status} for ${expected}: ${body.slice(0, 200)}`;
            }
          },
        },
      ],
    });
    const other = Object.entries(result.statusCodeStats ?? {}).filter(([code, stats]) => code !== '200' && (stats?.count ?? 0) > 0);
    if (result.non2xx || other.length || result.errors || result.timeouts || wrongReplies) {
      throw new Error(
        `participant sign-in: ${result.non2xx} non-2xx, statuses ${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors, ${result.timeouts} timeouts, ${wrongReplies} wrong replies; first: ${firstWrong}`,
      );
    }
    // Every counted reply went through the check above (autocannon may count a few more, in flight at the end).
    if (checked < result.requests.total) throw new Error(`${result.requests.total} replies counted but ${checked} checked`);
    if (result.requests.total < PARTICIPANTS) throw new Error(`only ${result.requests.total} sign-ins: not every participant signed in once`);

    const conditions = `${PARTICIPANTS.toLocaleString('en-US')} participants in turn, right PINs only (6 digits), ${CONNECTIONS} connections, ${DURATION_S} s, all from 127.0.0.1; autocannon in the bench process, app in its own; ${result.requests.total.toLocaleString('en-US')} sign-ins, all 200`;
    return [
      { name: 'participant sign-ins', value: result.requests.average, unit: 'req/s', conditions },
      { name: 'participant sign-ins p99', value: result.latency.p99, unit: 'ms', conditions },
    ];
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await storage.drop();
  }
}
