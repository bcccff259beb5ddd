import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Unit } from '../org/unit.entity';
import { OrganiserRole } from '../access/principal';

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

  /** A disabled organiser cannot sign in, and their tokens and screens stop working. */
  @Column({ type: 'boolean', default: () => 'true' })
  active!: boolean;

  /** Tokens name the version they were made under; a password change, disabling or signing out everywhere moves it on. */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion!: number;

  /** The one earlier token that survives a password change: the session that made it. */
  @Column({ name: 'kept_session', type: 'varchar', length: 32, nullable: true })
  keptSession!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
