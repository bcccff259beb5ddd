import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';

/**
 * A participant's running total over a race, updated in every answer's transaction. Its foreign
 * keys name their tables, not the race's and participant's entities: standings import no feature.
 */
@Entity('race_standing')
@Index('UQ_race_standing_participant', ['raceId', 'participantId'], { unique: true })
@Index('IDX_race_standing_score', ['raceId', 'score'])
export class RaceStanding {
  @PrimaryGeneratedColumn()
  id!: number;

  @ForeignKey('race', 'id', { name: 'FK_race_standing_race', onDelete: 'RESTRICT' })
  @Column({ name: 'race_id', type: 'integer' })
  raceId!: number;

  @ForeignKey('participant', 'id', { name: 'FK_race_standing_participant', onDelete: 'RESTRICT' })
  @Column({ name: 'participant_id', type: 'integer' })
  participantId!: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId!: number;

  @Column({ name: 'clan_id', type: 'integer', nullable: true })
  clanId!: number | null;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'integer' })
  answered!: number;

  @Column({ name: 'correct_count', type: 'integer' })
  correctCount!: number;

  @Column({ name: 'rounds_played', type: 'integer' })
  roundsPlayed!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
