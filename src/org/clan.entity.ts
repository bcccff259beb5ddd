import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Unit } from './unit.entity';

/** A family clan (dòng họ), optionally attached to its commune. */
@Entity('clan')
export class Clan {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('UQ_clan_code', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_clan_unit' })
  unit?: Unit | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
