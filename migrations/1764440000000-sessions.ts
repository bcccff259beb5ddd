import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey } from 'typeorm';

/**
 * Sessions that can be ended: participants and organisers get a session version that every
 * token names (a new PIN or password, disabling or signing out everywhere moves it on);
 * organisers can be disabled; a screen token may expire and may be bound to one race. Failed
 * sign-ins are counted by the sign-in limits (memory or Redis, atomically) instead of the two
 * columns that a read-then-write kept, so those go.
 */
export class Sessions1764440000000 implements MigrationInterface {
  name = 'Sessions1764440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sessionVersion = () => new TableColumn({ name: 'session_version', type: 'integer', default: 0 });
    for (const table of ['participant', 'organiser']) {
      await queryRunner.dropColumns(table, ['failed_sign_ins', 'locked_until']);
      await queryRunner.addColumn(table, sessionVersion());
    }
    await queryRunner.addColumns('organiser', [
      new TableColumn({ name: 'active', type: 'boolean', default: 'true' }),
      new TableColumn({ name: 'kept_session', type: 'varchar', length: '32', isNullable: true }),
    ]);
    await queryRunner.addColumns('screen_token', [
      new TableColumn({ name: 'race_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'expires_at', type: 'bigint', isNullable: true }),
    ]);
    await queryRunner.createForeignKey(
      'screen_token',
      new TableForeignKey({
        name: 'FK_screen_token_race',
        columnNames: ['race_id'],
        referencedTableName: 'race',
        referencedColumnNames: ['id'],
        onDelete: 'RESTRICT',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('screen_token', 'FK_screen_token_race');
    await queryRunner.dropColumns('screen_token', ['race_id', 'expires_at']);
    await queryRunner.dropColumns('organiser', ['active', 'kept_session']);
    for (const table of ['participant', 'organiser']) {
      await queryRunner.dropColumn(table, 'session_version');
      await queryRunner.addColumns(table, [
        new TableColumn({ name: 'failed_sign_ins', type: 'integer', default: 0 }),
        new TableColumn({ name: 'locked_until', type: 'bigint', isNullable: true }),
      ]);
    }
  }
}
