import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Attempt } from './attempt.entity';

/** The answer log: one row per attempt and question, the unique key that makes answers exactly-once. */
@Entity('answer')
@Index('UQ_answer_attempt_question', ['attemptId', 'questionId'], { unique: true })
@Index('IDX_answer_round_question', ['roundId', 'questionId'])
export class Answer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'attempt_id', type: 'integer' })
  attemptId!: number;

  @ManyToOne(() => Attempt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'FK_answer_attempt' })
  attempt?: Relation<Attempt>;

  @Column({ name: 'question_id', type: 'integer' })
  questionId!: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId!: number;

  @Column({ name: 'participant_id', type: 'integer' })
  participantId!: number;

  /** Sorted choice ids, comma-separated; null when the deadline passed without an answer. */
  @Column({ name: 'choice_ids', type: 'varchar', length: 200, nullable: true })
  choiceIds!: string | null;

  @Column({ type: 'boolean' })
  correct!: boolean;

  @Column({ type: 'integer' })
  points!: number;

  @Column({ name: 'response_ms', type: 'integer', nullable: true })
  responseMs!: number | null;

  /** The attempt's score and streak just after this answer: a repeated answer gets the same reply. */
  @Column({ name: 'score_after', type: 'integer' })
  scoreAfter!: number;

  @Column({ name: 'streak_after', type: 'integer' })
  streakAfter!: number;

  @Column({ name: 'received_at', type: 'bigint', transformer: epochMs })
  receivedAt!: number;
}
