import { JwtService } from '@nestjs/jwt';
import { TokensService } from '../../src/access/tokens.service';
import { ADMIN_PASSWORD } from '../support/test-app';

export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-0123456789';

/** Environment for a bench app whose tokens the bench can mint itself (signing 10,000 people in over HTTP measures sign-in, not play). */
export const benchEnv = (dataDir: string) => ({ DATA_DIR: dataDir, ADMIN_PASSWORD, JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'warn' });

export interface ShownQuestion {
  id: number;
  choices: Array<{ id: number }>;
}

/** Seeds a bench app through its HTTP API, as an organiser would: units, staff, questions, a race. */
export class PlayArena {
  private adminToken = '';
  private readonly tokens = new TokensService(new JwtService({ secret: BENCH_JWT_SECRET, signOptions: { algorithm: 'HS256' } }));
  raceId = 0;
  questionIds: number[] = [];
  participantIds: number[] = [];

  constructor(readonly url: string) {}

  async setUp(participants: number, questions: number): Promise<this> {
    this.adminToken = ((await this.call('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })) as { accessToken: string }).accessToken;
    const units = ['code,name,category,parentCode,headcount', 'BENCH,Huyện thử,district_office,,0'];
    for (let u = 0; u < 50; u++) units.push(`BENCH-${u},Đơn vị ${u},commune,BENCH,${Math.ceil(participants / 50)}`);
    await upload(`${this.url}/api/units/import`, this.auth(), units.join('\n'), 'units.csv');
    const lines = ['Mã cán bộ,Họ và tên,Mã đơn vị,Mã PIN'];
    for (let i = 0; i < participants; i++) lines.push(`NV${String(i).padStart(6, '0')},Nguyễn Thị Ánh ${i},BENCH-${i % 50},${1000 + (i % 9000)}`);
    await upload(`${this.url}/api/participants/import`, this.auth(), lines.join('\n'), 'participants.csv');
    for (let offset = 0; offset < participants; offset += 500) {
      const page = (await this.call('GET', `/api/participants?limit=500&offset=${offset}`)) as { items: Array<{ id: number }> };
      this.participantIds.push(...page.items.map((item) => item.id));
    }
    for (let q = 0; q < questions; q++) {
      const question = (await this.call('POST', '/api/questions', {
        type: 'single',
        text: `Câu hỏi thử số ${q + 1}: trí tuệ nhân tạo?`,
        topic: 'Thử tải',
        choices: [
          { text: 'Đúng', correct: true },
          { text: 'Sai', correct: false },
          { text: 'Không rõ', correct: false },
          { text: 'Bỏ qua', correct: false },
        ],
      })) as { id: number };
      this.questionIds.push(question.id);
    }
    this.raceId = ((await this.call('POST', '/api/races', { name: 'Cuộc đua đo tải' })) as { id: number }).id;
    return this;
  }

  async openRound(settings: Record<string, unknown>): Promise<number> {
    const round = (await this.call('POST', `/api/races/${this.raceId}/rounds`, {
      name: 'Vòng đo tải',
      questionIds: this.questionIds,
      revealAnswers: 'immediately',
      ...settings,
    })) as { id: number };
    await this.call('POST', `/api/rounds/${round.id}/open`);
    return round.id;
  }

  participantToken(id: number): string {
    return this.tokens.sign('participant', id).token;
  }

  auth(token = this.adminToken): Record<string, string> {
    return { authorization: `Bearer ${token}` };
  }

  async call(method: string, path: string, body?: unknown, token?: string): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...this.auth(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const reply = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(reply).slice(0, 300)}`);
    return reply;
  }
}

/** A multipart upload of one file, as the console sends it. */
export async function upload(url: string, headers: Record<string, string>, content: string, filename: string): Promise<unknown> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), filename);
  const res = await fetch(url, { method: 'POST', headers, body: form });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
