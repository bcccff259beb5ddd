import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { EntityList, dataSourceOptions } from './data-source-options';
import { runMigrations } from './migrate';
import { Transactions } from './transactions';

@Global()
@Module({})
export class DatabaseModule {
  /** The entities are the app's, named at the composition root. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.database, entities),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
          // Migrations run before any provider can see the data source, so nothing queries an old schema.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
