import { DynamicModule, Module, Type } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { AuthModule } from './auth/auth.module';
import { BoardsModule } from './boards/boards.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { HealthModule } from './health/health.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { LiveModule } from './live/live.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrgModule } from './org/org.module';
import { PagesModule } from './pages/pages.module';
import { PlayModule } from './play/play.module';
import { QuestionsModule } from './questions/questions.module';
import { RacesModule } from './races/races.module';
import { RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extraModules: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(ENTITIES),
        RedisModule,
        JobsModule,
        MetricsModule,
        HealthModule,
        HousekeepingModule,
        AccessModule,
        AuthModule,
        LiveModule,
        OrgModule,
        PagesModule,
        ReportsModule,
        QuestionsModule,
        RacesModule,
        PlayModule,
        BoardsModule,
        AuditLogModule,
        ...extraModules,
      ],
    };
  }
}
