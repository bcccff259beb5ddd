import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Participant } from '../org/participant.entity';
import { Round } from '../races/round.entity';

/**
 * One participant's go at one round: also the round's standing row for that participant.
 * Window rounds: `position` is the question being answered now. Live rounds: the last
 * position answered (-1 before any), so a missed question breaks the streak.
 */
@Entity('attempt')
@Index('UQ_attempt_round_participant', ['roundId', 'participantId'], { unique: true })
export class Attempt {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId!: number;

  @ManyToOne(() => Round, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_attempt_round' })
  round?: Relation<Round>;

  @Index('IDX_attempt_participant')
  @Column({ name: 'participant_id', type: 'integer' })
  participantId!: number;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'FK_attempt_participant' })
  participant?: Relation<Participant>;

  /** The participant's unit and clan when the attempt began: its results count for them. */
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  @Column({ name: 'clan_id', type: 'integer', nullable: true })
  clanId!: number | null;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'question_count', type: 'integer' })
  questionCount!: number;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'integer' })
  streak!: number;

  @Column({ type: 'integer' })
  answered!: number;

  @Column({ name: 'correct_count', type: 'integer' })
  correctCount!: number;

  /** The participant's time per question when the attempt began, in per cent: later changes never stretch it. */
  @Column({ name: 'time_percent', type: 'integer', default: 100 })
  timePercent!: number;

  @Column({ name: 'started_at', type: 'bigint', transformer: epochMs })
  startedAt!: number;

  @Column({ name: 'finished_at', type: 'bigint', nullable: true, transformer: epochMs })
  finishedAt!: number | null;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
