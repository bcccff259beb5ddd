import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A round that reveals its answers after closing keeps its points off the boards until then;
 * `scores_settled_at` says its points were put on them. Rounds closed before this are settled.
 */
export class SettledScores1764420000000 implements MigrationInterface {
  name = 'SettledScores1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('round', new TableColumn({ name: 'scores_settled_at', type: 'bigint', isNullable: true }));
    await queryRunner.query("UPDATE round SET scores_settled_at = updated_at WHERE status = 'closed'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('round', 'scores_settled_at');
  }
}
