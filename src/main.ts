import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CreateAppOptions, createApp } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { loadExcelJS } from './http/spreadsheet';

const EXCELJS_AFTER_MS = 1_000;

export async function start(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  return serve(await prepare(config, options), config);
}

/** Everything of a start-up before the app's modules start: built, connected, not yet serving. */
async function prepare(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  // A hall's sockets live for minutes among short-lived garbage, so V8's old space fragments: in
  // the soak its committed size grew about 3 MiB a minute while the live heap stayed flat. V8's
  // default compacts only the emptiest pages; compacting on every full collection keeps committed
  // memory near the live heap, and cost nothing measurable in the answer benchmarks.
  setFlagsFromString('--compact-on-every-full-gc');
  return createApp(config, options);
}

/** Starts the modules (their jobs, caches and sockets) and the HTTP server on `config.port`. */
async function serve(app: NestFastifyApplication, config: AppConfig): Promise<NestFastifyApplication> {
  // A hall of phones connects at once when a round opens: a deep accept queue instead of resets.
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  stopGracefullyOn(app, config);
  // ExcelJS is left out of start-up so a restarted app serves sooner; it is loaded just after,
  // so that the quarter of a second its loading holds the event loop falls here and not in the
  // middle of the first export, with a screen or a hall of phones waiting.
  setTimeout(() => void loadExcelJS(), EXCELJS_AFTER_MS).unref();
  return app;
}

/** SIGTERM/SIGINT: stop accepting, let requests in flight finish, close the database, exit 0. */
function stopGracefullyOn(app: NestFastifyApplication, config: AppConfig): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.getHttpAdapter().getInstance().log.info({ signal }, 'Shutting down');
    setTimeout(() => {
      console.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway.`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Loads the configuration or exits with one line naming the bad variable. */
export function configOrExit(defaults: Record<string, string> = {}): AppConfig {
  try {
    return loadConfig(undefined, defaults);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * A cluster's standby: the app built and connected to the database and Redis (the most of a
 * start-up), its modules not started, until the supervisor hands it the port of an instance
 * that died. It says when it is ready for that.
 */
async function standBy(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await prepare(config);
  void loadExcelJS();
  const port = await new Promise<number>((resolve) => {
    process.once('message', (message: { port: number }) => resolve(message.port));
    process.send!({ ready: true });
  });
  return serve(app, { ...config, port });
}

if (require.main === module) {
  const config = configOrExit();
  (config.standby ? standBy(config) : start(config)).then(
    (app) => app.getHttpAdapter().getInstance().log.info('ai-race is ready'),
    (error: unknown) => {
      console.error('ai-race could not start:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
