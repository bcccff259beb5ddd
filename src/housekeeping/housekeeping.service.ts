import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { AppState } from './app-state.entity';

const FAILED_JOB_RETENTION_MS = 30 * 24 * 3600 * 1000;
export const LAST_SWEEP_KEY = 'housekeeping.lastSweep';

export interface SweepRecord {
  at: number;
  purgedFailedJobs: number;
}

/** A periodic sweep of what the app no longer needs; safe to run late, early or twice. */
@Injectable()
export class HousekeepingService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(AppState) private readonly appState: Repository<AppState>,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(JobName.Housekeeping, () => this.sweep().then(() => undefined), {
      everyMs: this.config.housekeepingIntervalMs,
    });
  }

  async sweep(): Promise<SweepRecord> {
    const at = Date.now();
    const purgedFailedJobs = await this.jobs.driver.purgeFailed(at - FAILED_JOB_RETENTION_MS);
    const record: SweepRecord = { at, purgedFailedJobs };
    await this.appState.upsert({ key: LAST_SWEEP_KEY, value: JSON.stringify(record), updatedAt: at }, ['key']);
    return record;
  }

  async lastSweep(): Promise<SweepRecord | null> {
    const row = await this.appState.findOneBy({ key: LAST_SWEEP_KEY });
    return row ? (JSON.parse(row.value) as SweepRecord) : null;
  }
}
