import { Agent, request } from 'node:http';

export interface BurstRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BurstReply {
  status: number;
  body: Record<string, unknown>;
}

function send(agent: Agent, base: string, req: BurstRequest): Promise<BurstReply> {
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  return new Promise((resolve, reject) => {
    const call = request(
      `${base}${req.path}`,
      { method: req.method, agent, headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...req.headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}

/**
 * Sends every request at the same moment over connections opened beforehand, one each, as an
 * attacker with a script would: none waits for a TCP handshake, so they reach the app together.
 */
export async function burst(base: string, requests: BurstRequest[]): Promise<BurstReply[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: requests.length });
  try {
    await Promise.all(requests.map(() => send(agent, base, { method: 'GET', path: '/health' })));
    return await Promise.all(requests.map((req) => send(agent, base, req)));
  } finally {
    agent.destroy();
  }
}
