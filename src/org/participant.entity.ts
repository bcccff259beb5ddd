import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Clan } from './clan.entity';
import { Unit } from './unit.entity';

/** A member of staff who plays: signs in with staff code + PIN or a join link. */
@Entity('participant')
export class Participant {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('UQ_participant_staff_code', { unique: true })
  @Column({ name: 'staff_code', type: 'varchar', length: 50 })
  staffCode!: string;

  /** NFC, diacritics kept. */
  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  /** Lower case without diacritics, so `nguyen van` finds "Nguyễn Văn". */
  @Index('IDX_participant_search_name')
  @Column({ name: 'search_name', type: 'varchar', length: 200 })
  searchName!: string;

  @Index('IDX_participant_unit')
  @Column({ name: 'unit_id', type: 'integer' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_participant_unit' })
  unit?: Unit;

  @Index('IDX_participant_clan')
  @Column({ name: 'clan_id', type: 'integer', nullable: true })
  clanId!: number | null;

  @ManyToOne(() => Clan, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'clan_id', foreignKeyConstraintName: 'FK_participant_clan' })
  clan?: Clan | null;

  /** Null: no PIN yet; the participant can still come in through a join link. */
  @Column({ name: 'pin_hash', type: 'varchar', length: 200, nullable: true })
  pinHash!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** Access and join tokens name the version they were made under; a new PIN or deactivation moves it on, ending them all. */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion!: number;

  /** The time this person gets per question, in per cent of the ordinary (100, 150, 200 or 300). */
  @Column({ name: 'time_percent', type: 'integer', default: 100 })
  timePercent!: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
