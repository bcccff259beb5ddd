import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The audit log: every change that can move a ranking (headcounts, units, rosters, questions,
 * rounds, standings) and every export of personal data, with who, when, from where and the
 * values before and after. Rows are only ever inserted; triggers refuse edits and deletions on
 * both databases, so a row written stays as written.
 */
export class Audit1764450000000 implements MigrationInterface {
  name = 'Audit1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'at', type: 'bigint' },
          { name: 'actor_kind', type: 'varchar', length: '16' },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'actor_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target_kind', type: 'varchar', length: '32' },
          { name: 'target_id', type: 'integer', isNullable: true },
          { name: 'target_name', type: 'varchar', length: '300', isNullable: true },
          { name: 'unit_path', type: 'varchar', length: '255', isNullable: true },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'address', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndices('audit_event', [
      new TableIndex({ name: 'IDX_audit_event_at', columnNames: ['at'] }),
      new TableIndex({ name: 'IDX_audit_event_action', columnNames: ['action', 'at'] }),
      new TableIndex({ name: 'IDX_audit_event_unit_path', columnNames: ['unit_path'] }),
    ]);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        `CREATE FUNCTION audit_event_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event rows are never changed'; END $$`,
      );
      await queryRunner.query(
        'CREATE TRIGGER audit_event_unchanged BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_unchanged()',
      );
    } else {
      for (const change of ['UPDATE', 'DELETE']) {
        await queryRunner.query(
          `CREATE TRIGGER audit_event_no_${change.toLowerCase()} BEFORE ${change} ON audit_event BEGIN SELECT RAISE(ABORT, 'audit_event rows are never changed'); END`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Dropping the table drops its triggers with it.
    await queryRunner.dropTable('audit_event');
    if (queryRunner.connection.options.type === 'postgres') await queryRunner.query('DROP FUNCTION audit_event_unchanged()');
  }
}
