import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/** Attempts, their questions and answers, the race standings, and the live round's current question. */
export class Play1764390000000 implements MigrationInterface {
  name = 'Play1764390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.addColumns('round', [
      new TableColumn({ name: 'live_position', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'live_question_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'live_sent_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'live_deadline', type: 'bigint', isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'attempt',
        columns: [
          id,
          { name: 'round_id', type: 'integer' },
          { name: 'participant_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'question_count', type: 'integer' },
          { name: 'score', type: 'integer' },
          { name: 'streak', type: 'integer' },
          { name: 'answered', type: 'integer' },
          { name: 'correct_count', type: 'integer' },
          { name: 'started_at', type: 'bigint' },
          { name: 'finished_at', type: 'bigint', isNullable: true },
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_attempt_round_participant', columnNames: ['round_id', 'participant_id'], isUnique: true }),
          new TableIndex({ name: 'IDX_attempt_participant', columnNames: ['participant_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_attempt_round',
            columnNames: ['round_id'],
            referencedTableName: 'round',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'FK_attempt_participant',
            columnNames: ['participant_id'],
            referencedTableName: 'participant',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'attempt_question',
        columns: [
          id,
          { name: 'attempt_id', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'question_id', type: 'integer' },
          { name: 'choice_order', type: 'varchar', length: '200' },
          { name: 'sent_at', type: 'bigint', isNullable: true },
          { name: 'deadline', type: 'bigint', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'UQ_attempt_question_position', columnNames: ['attempt_id', 'position'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_attempt_question_attempt',
            columnNames: ['attempt_id'],
            referencedTableName: 'attempt',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'FK_attempt_question_question',
            columnNames: ['question_id'],
            referencedTableName: 'question',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'answer',
        columns: [
          id,
          { name: 'attempt_id', type: 'integer' },
          { name: 'question_id', type: 'integer' },
          { name: 'round_id', type: 'integer' },
          { name: 'participant_id', type: 'integer' },
          { name: 'choice_ids', type: 'varchar', length: '200', isNullable: true },
          { name: 'correct', type: 'boolean' },
          { name: 'points', type: 'integer' },
          { name: 'response_ms', type: 'integer', isNullable: true },
          { name: 'score_after', type: 'integer' },
          { name: 'streak_after', type: 'integer' },
          { name: 'received_at', type: 'bigint' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_answer_attempt_question', columnNames: ['attempt_id', 'question_id'], isUnique: true }),
          new TableIndex({ name: 'IDX_answer_round_question', columnNames: ['round_id', 'question_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_answer_attempt',
            columnNames: ['attempt_id'],
            referencedTableName: 'attempt',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'race_standing',
        columns: [
          id,
          { name: 'race_id', type: 'integer' },
          { name: 'participant_id', type: 'integer' },
          { name: 'unit_id', type: 'integer' },
          { name: 'clan_id', type: 'integer', isNullable: true },
          { name: 'score', type: 'integer' },
          { name: 'answered', type: 'integer' },
          { name: 'correct_count', type: 'integer' },
          { name: 'rounds_played', type: 'integer' },
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_race_standing_participant', columnNames: ['race_id', 'participant_id'], isUnique: true }),
          new TableIndex({ name: 'IDX_race_standing_score', columnNames: ['race_id', 'score'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_race_standing_race',
            columnNames: ['race_id'],
            referencedTableName: 'race',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'FK_race_standing_participant',
            columnNames: ['participant_id'],
            referencedTableName: 'participant',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('race_standing');
    await queryRunner.dropTable('answer');
    await queryRunner.dropTable('attempt_question');
    await queryRunner.dropTable('attempt');
    for (const column of ['live_deadline', 'live_sent_at', 'live_question_id', 'live_position']) await queryRunner.dropColumn('round', column);
  }
}
