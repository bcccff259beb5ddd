import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Running totals per unit and per clan, for a race and for each round: what unit and clan boards read. */
export class Boards1764400000000 implements MigrationInterface {
  name = 'Boards1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'group_standing',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'scope', type: 'varchar', length: '8' },
          { name: 'scope_id', type: 'integer' },
          { name: 'group_kind', type: 'varchar', length: '8' },
          { name: 'group_id', type: 'integer' },
          { name: 'participants', type: 'integer' },
          { name: 'score', type: 'integer' },
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'UQ_group_standing', columnNames: ['scope', 'scope_id', 'group_kind', 'group_id'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('group_standing');
  }
}
