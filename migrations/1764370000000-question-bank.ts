import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

export class QuestionBank1764370000000 implements MigrationInterface {
  name = 'QuestionBank1764370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'question',
        columns: [
          id,
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'text', type: 'text' },
          { name: 'topic', type: 'varchar', length: '100', isNullable: true },
          { name: 'difficulty', type: 'integer' },
          { name: 'explanation', type: 'text', isNullable: true },
          { name: 'retired_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'IDX_question_topic', columnNames: ['topic'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'question_choice',
        columns: [
          id,
          { name: 'question_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'text', type: 'text' },
          { name: 'correct', type: 'boolean' },
        ],
        indices: [new TableIndex({ name: 'UQ_question_choice_position', columnNames: ['question_id', 'position'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_question_choice_question',
            columnNames: ['question_id'],
            referencedTableName: 'question',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('question_choice');
    await queryRunner.dropTable('question');
  }
}
