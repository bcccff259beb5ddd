import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/config';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { withRequestContext } from './http/request-context';
import { toValidationException } from './http/request-validation';
import { MAX_UPLOAD_BYTES } from './http/upload';
import { NestPinoLogger, createLogger } from './logging/logger';
import { LiveSocketAdapter } from './live/socket-io.adapter';
import { MetricsService } from './metrics/metrics.service';
import { webRoot } from './pages/web-root';

export interface CreateAppOptions {
  /** Modules added beside the app's own (tests add probes this way). */
  extraModules?: Type[];
  /** Where logs go; stdout when absent. */
  logDestination?: DestinationStream;
}

/** Builds the whole app, ready to `listen`; main.ts and the tests share it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Accept a caller's request id (a proxy's, say) so one id follows the request through the logs.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // On close, keep-alive connections that are idle are cut at once; busy ones finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.extraModules), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });

  app.useWebSocketAdapter(new LiveSocketAdapter(app, config.redisUrl, config.redisPrefix));
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics', '/', 'console', 'screen'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: toValidationException,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter(logger));

  const fastify = app.getHttpAdapter().getInstance();
  // Every change made while serving a request can say which request and address it came from (see audit/).
  fastify.addHook('onRequest', (request, _reply, done) => withRequestContext({ requestId: request.id, address: request.ip }, done));
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        // A district may serve the app over plain HTTP on its own network: never force https.
        upgradeInsecureRequests: null,
      },
    },
  });
  // The pages' hashed scripts and styles: a new build has new names, so they are cached for good.
  const assets = join(webRoot(), 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, { root: assets, prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  }
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  const metrics = app.get(MetricsService);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // While shutting down, a keep-alive connection busy at close time would stay open after its
    // response and hold the exit; this makes it end with the response.
    if (!fastify.server.listening) reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeHttp(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ai-race')
      .setDescription('Cuộc đua luyện AI: rounds, answers, leaderboards. See CONTRACT.md for the shapes.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
