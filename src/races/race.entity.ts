import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Unit } from '../org/unit.entity';
import type { Round } from './round.entity';

/** A season of rounds ("Cuộc đua luyện AI — tháng 6") with cumulative boards. */
@Entity('race')
export class Race {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'starts_at', type: 'bigint', nullable: true, transformer: epochMs })
  startsAt!: number | null;

  @Column({ name: 'ends_at', type: 'bigint', nullable: true, transformer: epochMs })
  endsAt!: number | null;

  /** The unit whose subtree plays the race and whose organisers run it; null for the whole district. */
  @Index('IDX_race_unit')
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_race_unit' })
  unit?: Relation<Unit>;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  // By class name, not a type function: round.entity imports this file, and importing it back would tie a cycle.
  @OneToMany<Round>('Round', (round) => round.race)
  rounds?: Relation<Round[]>;
}
