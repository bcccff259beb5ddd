import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { BullJobDriver } from './bull-job-driver';
import { InProcessJobDriver } from './in-process-job-driver';
import { JOB_DRIVER, JobsService } from './jobs.service';

@Global()
@Module({
  providers: [
    {
      provide: JOB_DRIVER,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) =>
        config.redisUrl ? new BullJobDriver(config.redisUrl, config.redisPrefix) : new InProcessJobDriver(dataSource),
    },
    JobsService,
  ],
  exports: [JobsService],
})
export class JobsModule {}
