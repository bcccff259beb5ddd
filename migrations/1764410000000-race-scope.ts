import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/** A race may belong to a unit: only that subtree plays it, and only its organisers run it. */
export class RaceScope1764410000000 implements MigrationInterface {
  name = 'RaceScope1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('race', new TableColumn({ name: 'unit_id', type: 'integer', isNullable: true }));
    await queryRunner.createIndex('race', new TableIndex({ name: 'IDX_race_unit', columnNames: ['unit_id'] }));
    await queryRunner.createForeignKey(
      'race',
      new TableForeignKey({ name: 'FK_race_unit', columnNames: ['unit_id'], referencedTableName: 'unit', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('race', 'FK_race_unit');
    await queryRunner.dropIndex('race', 'IDX_race_unit');
    await queryRunner.dropColumn('race', 'unit_id');
  }
}
