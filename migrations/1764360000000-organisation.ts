import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const createdAt = { name: 'created_at', type: 'bigint' };

export class Organisation1764360000000 implements MigrationInterface {
  name = 'Organisation1764360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'unit',
        columns: [
          id,
          { name: 'code', type: 'varchar', length: '50' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'parent_id', type: 'integer', isNullable: true },
          { name: 'path', type: 'varchar', length: '1000' },
          { name: 'headcount', type: 'integer' },
          { name: 'merged_into_id', type: 'integer', isNullable: true },
          createdAt,
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_unit_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'IDX_unit_path', columnNames: ['path'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_unit_parent',
            columnNames: ['parent_id'],
            referencedTableName: 'unit',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'FK_unit_merged_into',
            columnNames: ['merged_into_id'],
            referencedTableName: 'unit',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'clan',
        columns: [
          id,
          { name: 'code', type: 'varchar', length: '50' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'unit_id', type: 'integer', isNullable: true },
          createdAt,
        ],
        indices: [new TableIndex({ name: 'UQ_clan_code', columnNames: ['code'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_clan_unit',
            columnNames: ['unit_id'],
            referencedTableName: 'unit',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'participant',
        columns: [
          id,
          { name: 'staff_code', type: 'varchar', length: '50' },
          { name: 'full_name', type: 'varchar', length: '200' },
          { name: 'search_name', type: 'varchar', length: '200' },
          { name: 'unit_id', type: 'integer' },
          { name: 'clan_id', type: 'integer', isNullable: true },
          { name: 'pin_hash', type: 'varchar', length: '200', isNullable: true },
          { name: 'active', type: 'boolean' },
          { name: 'failed_sign_ins', type: 'integer', default: 0 },
          { name: 'locked_until', type: 'bigint', isNullable: true },
          createdAt,
          { name: 'updated_at', type: 'bigint' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_participant_staff_code', columnNames: ['staff_code'], isUnique: true }),
          new TableIndex({ name: 'IDX_participant_search_name', columnNames: ['search_name'] }),
          new TableIndex({ name: 'IDX_participant_unit', columnNames: ['unit_id'] }),
          new TableIndex({ name: 'IDX_participant_clan', columnNames: ['clan_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_participant_unit',
            columnNames: ['unit_id'],
            referencedTableName: 'unit',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'FK_participant_clan',
            columnNames: ['clan_id'],
            referencedTableName: 'clan',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organiser',
        columns: [
          id,
          { name: 'username', type: 'varchar', length: '100' },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'unit_id', type: 'integer', isNullable: true },
          { name: 'failed_sign_ins', type: 'integer', default: 0 },
          { name: 'locked_until', type: 'bigint', isNullable: true },
          createdAt,
        ],
        indices: [new TableIndex({ name: 'UQ_organiser_username', columnNames: ['username'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_organiser_unit',
            columnNames: ['unit_id'],
            referencedTableName: 'unit',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'screen_token',
        columns: [
          id,
          { name: 'label', type: 'varchar', length: '100' },
          { name: 'created_by', type: 'integer' },
          createdAt,
          { name: 'revoked_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_screen_token_organiser',
            columnNames: ['created_by'],
            referencedTableName: 'organiser',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['screen_token', 'organiser', 'participant', 'clan', 'unit']) await queryRunner.dropTable(table);
  }
}
