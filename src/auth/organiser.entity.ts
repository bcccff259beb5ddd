import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Unit } from '../org/unit.entity';

export type OrganiserRole = 'admin' | 'organiser';

/** Someone who runs races: `admin` everywhere, `organiser` within one unit's subtree. */
@Entity('organiser')
export class Organiser {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('UQ_organiser_username', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  username!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: OrganiserRole;

  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_organiser_unit' })
  unit?: Unit | null;

  @Column({ name: 'failed_sign_ins', type: 'integer', default: 0 })
  failedSignIns!: number;

  @Column({ name: 'locked_until', type: 'bigint', nullable: true, transformer: epochMs })
  lockedUntil!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
