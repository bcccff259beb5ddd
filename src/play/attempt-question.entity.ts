import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Question } from '../questions/question.entity';
import { Attempt } from './attempt.entity';

/** A window attempt's questions in the order and choice order this participant got them. */
@Entity('attempt_question')
@Index('UQ_attempt_question_position', ['attemptId', 'position'], { unique: true })
export class AttemptQuestion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'attempt_id', type: 'integer' })
  attemptId!: number;

  @ManyToOne(() => Attempt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'FK_attempt_question_attempt' })
  attempt?: Relation<Attempt>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'question_id', type: 'integer' })
  questionId!: number;

  @ManyToOne(() => Question, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'FK_attempt_question_question' })
  question?: Relation<Question>;

  /** Choice ids, comma-separated, in the order shown to this participant. */
  @Column({ name: 'choice_order', type: 'varchar', length: 200 })
  choiceOrder!: string;

  /** When the server sent the question: its clock starts here. Null until sent. */
  @Column({ name: 'sent_at', type: 'bigint', nullable: true, transformer: epochMs })
  sentAt!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  deadline!: number | null;
}
