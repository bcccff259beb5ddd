import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Observable, defer, filter } from 'rxjs';
import { Server, ServerOptions, Socket } from 'socket.io';

/**
 * socket.io for the app: websocket first (long-polling only as a fallback), and with REDIS_URL
 * the Redis adapter, so an event emitted on one instance reaches sockets on every instance.
 */
export class LiveSocketAdapter extends IoAdapter {
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string | null,
    private readonly redisPrefix: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, transports: ['websocket', 'polling'] } as ServerOptions);
    if (this.redisUrl) {
      const pub = new Redis(this.redisUrl);
      const sub = pub.duplicate();
      for (const client of [pub, sub]) client.on('error', () => undefined);
      this.clients = [pub, sub];
      server.adapter(createAdapter(pub, sub, { key: `${this.redisPrefix}:socket.io` }));
    }
    return server;
  }

  /**
   * Each handler as a plain listener on the socket. Nest's own keeps an rxjs pipeline per socket
   * and per handler alive for as long as the socket is connected; with 10,000 sockets held for a
   * whole round that was a good part of the heap, and what the soak run saw creep. The reply is
   * handled as Nest does: an `{ event, data }` is emitted, anything else goes to the ack.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs's fromEvent gives it to mapPayload: one argument alone, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]) as { data: unknown; ack?: (reply: unknown) => void };
        defer(() => transform(callback(data, ack)))
          .pipe(filter((response) => response !== null && response !== undefined))
          .subscribe({
            next: (response) => {
              const { event, data: payload } = response as { event?: string; data?: unknown };
              if (event) socket.emit(event, payload);
              else if (!isAckHandledManually && typeof ack === 'function') ack(response);
            },
            error: (error: unknown) => this.logger.error(error),
          });
      });
    }
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((client) => client.quit().catch(() => client.disconnect())));
  }
}
