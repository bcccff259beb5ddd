import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * A question belongs to the district (no unit: every question so far) or to the unit whose
 * organiser wrote it, so a school's organiser keeps to their own answer keys. A new version of a
 * question names the one it replaces (at most one replacement each).
 */
export class QuestionOwner1764460000000 implements MigrationInterface {
  name = 'QuestionOwner1764460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('question', [
      new TableColumn({ name: 'unit_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'replaces_id', type: 'integer', isNullable: true }),
    ]);
    await queryRunner.createIndices('question', [
      new TableIndex({ name: 'IDX_question_unit', columnNames: ['unit_id'] }),
      new TableIndex({ name: 'UQ_question_replaces', columnNames: ['replaces_id'], isUnique: true }),
    ]);
    await queryRunner.createForeignKeys('question', [
      new TableForeignKey({
        name: 'FK_question_unit',
        columnNames: ['unit_id'],
        referencedTableName: 'unit',
        referencedColumnNames: ['id'],
        onDelete: 'RESTRICT',
      }),
      new TableForeignKey({
        name: 'FK_question_replaces',
        columnNames: ['replaces_id'],
        referencedTableName: 'question',
        referencedColumnNames: ['id'],
        onDelete: 'RESTRICT',
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // TypeORM reverts inside the transaction, where SQLite cannot turn foreign keys off, so the
    // table rebuilds below would cascade-delete every choice: keep them aside and put them back.
    const sqlite = queryRunner.connection.options.type !== 'postgres';
    if (sqlite) await queryRunner.query('CREATE TEMP TABLE question_choice_kept AS SELECT * FROM question_choice');
    await queryRunner.dropForeignKey('question', 'FK_question_replaces');
    await queryRunner.dropForeignKey('question', 'FK_question_unit');
    await queryRunner.dropIndex('question', 'UQ_question_replaces');
    await queryRunner.dropIndex('question', 'IDX_question_unit');
    await queryRunner.dropColumns('question', ['replaces_id', 'unit_id']);
    if (sqlite) {
      await queryRunner.query('INSERT INTO question_choice SELECT * FROM question_choice_kept WHERE id NOT IN (SELECT id FROM question_choice)');
      await queryRunner.query('DROP TABLE question_choice_kept');
    }
  }
}
