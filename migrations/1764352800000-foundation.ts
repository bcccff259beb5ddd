import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class Foundation1764352800000 implements MigrationInterface {
  name = 'Foundation1764352800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'app_state',
        columns: [
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'value', type: 'text' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'scheduled_job',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'job_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'run_at', type: 'bigint' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('scheduled_job', new TableIndex({ name: 'UQ_scheduled_job_key', columnNames: ['job_key'], isUnique: true }));
    await queryRunner.createIndex('scheduled_job', new TableIndex({ name: 'IDX_scheduled_job_due', columnNames: ['status', 'run_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('scheduled_job');
    await queryRunner.dropTable('app_state');
  }
}
