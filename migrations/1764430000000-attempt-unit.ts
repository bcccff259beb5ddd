import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Each attempt keeps the unit and clan its participant was in when it began: results follow the
 * participant's unit as of the attempt, also when they move later, and rollups recompute from
 * them. Attempts made before take the unit their race standing has (what the boards counted),
 * or the participant's unit now. No foreign keys: units and clans are never deleted (a merged
 * unit stays), and a merge moves these ids on itself.
 */
export class AttemptUnit1764430000000 implements MigrationInterface {
  name = 'AttemptUnit1764430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('attempt', [
      new TableColumn({ name: 'unit_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'clan_id', type: 'integer', isNullable: true }),
    ]);
    const standing = (column: string) =>
      `(SELECT s.${column} FROM race_standing s JOIN round r ON r.race_id = s.race_id WHERE r.id = attempt.round_id AND s.participant_id = attempt.participant_id)`;
    const now = (column: string) => `(SELECT p.${column} FROM participant p WHERE p.id = attempt.participant_id)`;
    await queryRunner.query(
      `UPDATE attempt SET unit_id = COALESCE(${standing('unit_id')}, ${now('unit_id')}), ` +
        `clan_id = CASE WHEN EXISTS ${standing('id')} THEN ${standing('clan_id')} ELSE ${now('clan_id')} END`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('attempt', ['unit_id', 'clan_id']);
  }
}
