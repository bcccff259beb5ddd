import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Time for those who need it: a participant may get 1.5, 2 or 3 times the ordinary time per
 * question, kept in per cent (100 = ordinary) so every deadline stays an exact integer. Each
 * attempt keeps the figure in force when it began: changing it later never stretches a question
 * already on a phone.
 */
export class TimeMultiplier1764490000000 implements MigrationInterface {
  name = 'TimeMultiplier1764490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('participant', new TableColumn({ name: 'time_percent', type: 'integer', default: 100 }));
    await queryRunner.addColumn('attempt', new TableColumn({ name: 'time_percent', type: 'integer', default: 100 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // SQLite drops a column by rebuilding the table inside the transaction, where foreign keys
    // stay on: the rebuild of attempt would cascade-delete its answers and questions, so they
    // are kept aside and put back.
    const sqlite = queryRunner.connection.options.type !== 'postgres';
    const kept = ['answer', 'attempt_question'];
    if (sqlite) for (const table of kept) await queryRunner.query(`CREATE TEMP TABLE ${table}_kept AS SELECT * FROM ${table}`);
    await queryRunner.dropColumn('attempt', 'time_percent');
    await queryRunner.dropColumn('participant', 'time_percent');
    if (sqlite) {
      for (const table of kept) {
        await queryRunner.query(`INSERT INTO ${table} SELECT * FROM ${table}_kept WHERE id NOT IN (SELECT id FROM ${table})`);
        await queryRunner.query(`DROP TABLE ${table}_kept`);
      }
    }
  }
}
