import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitCategory } from '../contract/org';
import { epochMs } from '../database/epoch-ms';

export const UNIT_CATEGORIES = ['district_office', 'commune', 'school', 'other'] as const satisfies readonly UnitCategory[];

/** A node of the organisation tree: the district, an office, a commune, a school. */
@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('UQ_unit_code', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: UnitCategory;

  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_unit_parent' })
  parent?: Unit | null;

  /** Ids from the root down, as `/1/4/9/`: a subtree is every path with this prefix. */
  @Index('IDX_unit_path')
  @Column({ type: 'varchar', length: 1000 })
  path!: string;

  /** Eligible staff: what participation rates divide by. */
  @Column({ type: 'integer' })
  headcount!: number;

  /** Set when merged away; the unit stays so past attempts keep pointing at it. */
  @Column({ name: 'merged_into_id', type: 'integer', nullable: true })
  mergedIntoId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'FK_unit_merged_into' })
  mergedInto?: Unit | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
