import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

export class Races1764380000000 implements MigrationInterface {
  name = 'Races1764380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'race',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'starts_at', type: 'bigint', isNullable: true },
          { name: 'ends_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'round',
        columns: [
          id,
          { name: 'race_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'mode', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'opens_at', type: 'bigint', isNullable: true },
          { name: 'closes_at', type: 'bigint', isNullable: true },
          { name: 'seconds_per_question', type: 'integer' },
          { name: 'speed_bonus', type: 'boolean' },
          { name: 'streak_bonus', type: 'boolean' },
          { name: 'reveal_answers', type: 'varchar', length: '16' },
          { name: 'draw_count', type: 'integer', isNullable: true },
          { name: 'draw_topic', type: 'varchar', length: '100', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'IDX_round_status', columnNames: ['status'] }), new TableIndex({ name: 'IDX_round_race', columnNames: ['race_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_round_race',
            columnNames: ['race_id'],
            referencedTableName: 'race',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'round_question',
        columns: [id, { name: 'round_id', type: 'integer' }, { name: 'question_id', type: 'integer' }, { name: 'position', type: 'integer' }],
        indices: [
          new TableIndex({ name: 'UQ_round_question_position', columnNames: ['round_id', 'position'], isUnique: true }),
          new TableIndex({ name: 'IDX_round_question_question', columnNames: ['question_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_round_question_round',
            columnNames: ['round_id'],
            referencedTableName: 'round',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'FK_round_question_question',
            columnNames: ['question_id'],
            referencedTableName: 'question',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('round_question');
    await queryRunner.dropTable('round');
    await queryRunner.dropTable('race');
  }
}
