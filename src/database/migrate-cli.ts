import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { revertLastMigration, runMigrations } from './migrate';

/** `npm run migration:run` and `npm run migration:revert`, against the configured database. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'run' && command !== 'revert') {
    throw new Error('usage: migrate-cli run|revert');
  }
  const config = loadConfig();
  const dataSource = await new DataSource(dataSourceOptions(config.database, [])).initialize();
  try {
    if (command === 'run') {
      const done = await runMigrations(dataSource);
      console.log(done.length ? `Applied: ${done.join(', ')}` : 'The schema is up to date.');
    } else {
      await revertLastMigration(dataSource);
      console.log('Reverted the last migration.');
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
