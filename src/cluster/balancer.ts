import { createProxyServer } from 'http-proxy-3';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { Socket } from 'node:net';

/**
 * A small load balancer for the cluster: HTTP requests and websocket upgrades go round-robin
 * to the instances whose /health answers. socket.io clients use websockets, so no stickiness is
 * needed; long-polling works only behind a single instance (as in the embedded profile).
 */
export class Balancer {
  private readonly proxy = createProxyServer({ ws: true, xfwd: true, proxyTimeout: 30_000 });
  private readonly healthy = new Set<string>();
  private readonly server: Server;
  private next = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly targets: string[]) {
    this.server = createServer((request, response) => this.web(request, response));
    this.server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      const target = this.pick();
      if (!target) return socket.destroy();
      this.proxy.ws(request, socket, head, { target }, () => socket.destroy());
    });
  }

  async listen(port: number, host: string): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), 1000);
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.proxy.close();
  }

  /** The instances answering now, for the cluster's own report. */
  get up(): string[] {
    return this.targets.filter((target) => this.healthy.has(target));
  }

  private web(request: IncomingMessage, response: ServerResponse): void {
    const target = this.pick();
    if (!target) {
      response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
      response.end(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'No instance is answering yet; try again in a moment' }));
      return;
    }
    this.proxy.web(request, response, { target }, () => {
      // The instance went away mid-request: it is out until its health check passes again.
      this.healthy.delete(target);
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: 'The instance did not answer; try again' }));
    });
  }

  private pick(): string | undefined {
    const up = this.up;
    if (!up.length) return undefined;
    this.next = (this.next + 1) % up.length;
    return up[this.next];
  }

  private async check(): Promise<void> {
    await Promise.all(
      this.targets.map(async (target) => {
        try {
          const response = await fetch(`${target}/health`, { signal: AbortSignal.timeout(900) });
          // With Redis away an instance still takes answers (the database is the truth): it serves.
          const report = (await response.json().catch(() => ({}))) as { db?: string };
          if (response.ok || report.db === 'up') this.healthy.add(target);
          else this.healthy.delete(target);
        } catch {
          this.healthy.delete(target);
        }
      }),
    );
  }
}
