import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';

export type StandingScope = 'race' | 'round';
export type GroupKind = 'unit' | 'clan';

/** A unit's or a clan's running totals in a race or a round: participants who answered, and points. */
@Entity('group_standing')
@Index('UQ_group_standing', ['scope', 'scopeId', 'groupKind', 'groupId'], { unique: true })
export class GroupStanding {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 8 })
  scope!: StandingScope;

  @Column({ name: 'scope_id', type: 'integer' })
  scopeId!: number;

  @Column({ name: 'group_kind', type: 'varchar', length: 8 })
  groupKind!: GroupKind;

  @Column({ name: 'group_id', type: 'integer' })
  groupId!: number;

  @Column({ type: 'integer' })
  participants!: number;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
