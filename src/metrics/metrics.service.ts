import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { droppedLogLines } from '../logging/stdout-destination';

/** Prometheus figures of this instance; each app has its own registry. */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Fed by play: answers stored, by how they arrived. */
  readonly answers = new Counter({
    name: 'ai_race_answers_total',
    help: 'Answers committed',
    labelNames: ['channel'],
    registers: [this.registry],
  });

  /** Fed by the live gateway as sockets connect and leave. */
  readonly openSockets = new Gauge({
    name: 'ai_race_open_sockets',
    help: 'socket.io connections open on this instance',
    registers: [this.registry],
  });

  /** Fed by sign-in: secrets actually compared, and tries refused before any comparison. */
  readonly signInChecks = new Counter({
    name: 'ai_race_sign_in_checks_total',
    help: 'PINs and passwords compared with their hash',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  readonly signInRefusals = new Counter({
    name: 'ai_race_sign_in_refusals_total',
    help: 'Sign-in tries refused before their secret was compared (account locked, address slowed)',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  /** Kept by the log destination for the whole process; read when scraped. */
  readonly logLinesDropped = new Counter({
    name: 'ai_race_log_lines_dropped_total',
    help: 'Log lines dropped because stdout took no more (its reader stopped or fell behind)',
    registers: [this.registry],
    collect() {
      this.reset();
      this.inc(droppedLogLines());
    },
  });

  constructor() {
    // Includes event-loop lag (nodejs_eventloop_lag_p99_seconds and friends), memory and handles.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  observeHttp(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
