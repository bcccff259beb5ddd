import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { RevealPolicy, RoundMode, RoundStatus } from '../contract/races';
import { epochMs } from '../database/epoch-ms';
import { Race } from './race.entity';

@Entity('round')
@Index('IDX_round_status', ['status'])
export class Round {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('IDX_round_race')
  @Column({ name: 'race_id', type: 'integer' })
  raceId!: number;

  @ManyToOne(() => Race, (race) => race.rounds, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'race_id', foreignKeyConstraintName: 'FK_round_race' })
  race?: Relation<Race>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: RoundMode;

  @Column({ type: 'varchar', length: 16 })
  status!: RoundStatus;

  @Column({ name: 'opens_at', type: 'bigint', nullable: true, transformer: epochMs })
  opensAt!: number | null;

  @Column({ name: 'closes_at', type: 'bigint', nullable: true, transformer: epochMs })
  closesAt!: number | null;

  @Column({ name: 'seconds_per_question', type: 'integer' })
  secondsPerQuestion!: number;

  @Column({ name: 'speed_bonus', type: 'boolean' })
  speedBonus!: boolean;

  @Column({ name: 'streak_bonus', type: 'boolean' })
  streakBonus!: boolean;

  @Column({ name: 'reveal_answers', type: 'varchar', length: 16 })
  revealAnswers!: RevealPolicy;

  /** Questions drawn per participant: how many, and from which topic (any when null). */
  @Column({ name: 'draw_count', type: 'integer', nullable: true })
  drawCount!: number | null;

  @Column({ name: 'draw_topic', type: 'varchar', length: 100, nullable: true })
  drawTopic!: string | null;

  /** Live rounds: the question on screen now (its position, id, clock); null before the first. */
  @Column({ name: 'live_position', type: 'integer', nullable: true })
  livePosition!: number | null;

  @Column({ name: 'live_question_id', type: 'integer', nullable: true })
  liveQuestionId!: number | null;

  @Column({ name: 'live_sent_at', type: 'bigint', nullable: true, transformer: epochMs })
  liveSentAt!: number | null;

  @Column({ name: 'live_deadline', type: 'bigint', nullable: true, transformer: epochMs })
  liveDeadline!: number | null;

  /** When a round that held its points until closing put them on the boards; null before. */
  @Column({ name: 'scores_settled_at', type: 'bigint', nullable: true, transformer: epochMs })
  scoresSettledAt!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
